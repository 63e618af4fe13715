import { DefinerRole1732205000000, PlatformCore1732200000000, ForeignKeysWithoutSetNullColumns1732209870000 } from '../../database/src/index.js';
import { CatalogWrites1732205000100, Tenancy1732200001000, TenantEntity, TenantDomainEntity } from '../../tenancy/src/index.js';
import {
  Accounts1732200002000,
  AccountEntity,
  OrgUnitEntity,
  SessionRefreshHistory1732205100000,
  SignInThrottle1732205110000,
  SessionCaller1732209450000,
  OrgUnitDelegations1732209700000,
} from '../../auth/src/index.js';
import { PasswordReset1732205200000 } from '../../account-recovery/src/index.js';
import { AuditLog1732200003000, AuditPseudonyms1732206900000, AuditProcessingActivity1732209841000 } from '../../audit/src/index.js';
import { PersonActivity1732200004000, PersonActivityRecordedXid1732210000200 } from '../../privacy/src/index.js';
import { Consent1732200005000, ConsentRecordedBy1732206930000 } from '../../consent/src/index.js';
import { Connections1732200006000, ConnectionMessages1732204000000, ConnectionListing1732209500100 } from '../../connections/src/index.js';
import { Profiles1732201000000, ProfileVerification1732201000001, DocumentFileDeletions1732206920000, ProfilePublicHandle1732209500000, ProfileProcessingRestriction1732209600300, ProcessingRestrictionHolders1732209850000, ProfileReachFunctions1732209860000, ProfileCard1732300000000 } from '../../profiles/src/index.js';
import { ProfileSearch1732201200000, SearchDefinerOwner1732205000200, SearchRecheckRestriction1732209600350, SearchDelegatedReach1732209700100, SearchRoutableOnCitus1732209870002, SearchProjectedFields1732209860100, SearchProfileCards1732300000100, SearchCappedCounts1732300000200, SearchBoundedRanking1732300000300, SearchInlineConsent1732320000000, SearchDeclaredPurposes1732330000000 } from '../../search/src/index.js';
import { Vacancies1732201100000, Applications1732201110000, VacancyEntity, VacancyLabel1732209700200 } from '../../vacancies/src/index.js';
import { Alerts1732201150000, AlertLabel1732209700300 } from '../../alerts/src/index.js';
import { Mail1732202000000, MailRecordForgets1732206910000, MailHandOff1732209100000, MailRound1732209847000 } from '../../mail/src/index.js';
import { Retention1732203000000, RetentionAdoptionWatermark1732210000210 } from '../../retention/src/index.js';
import { Rights1732209400000, RightsConfirmations1732209460000, RightsRestrictionLifts1732209600310, RightsExportArchives1732209600340, RightsObjectionPurpose1732209842000 } from '../../rights/src/index.js';
import { Activity1732209880000 } from '../../activity/src/index.js';
import { TenancyForeignKeyIndexes1732310000000 } from '../../tenancy/src/index.js';
import { AuthForeignKeyIndexes1732310000010 } from '../../auth/src/index.js';
import { ProfilesForeignKeyIndexes1732310000020 } from '../../profiles/src/index.js';
import { ConnectionsForeignKeyIndexes1732310000030 } from '../../connections/src/index.js';
import { AlertsForeignKeyIndexes1732310000040 } from '../../alerts/src/index.js';
import { RightsForeignKeyIndexes1732310000050 } from '../../rights/src/index.js';
import type { MigrationClass } from '../../database/src/index.js';

/**
 * The one place that lists the core's capabilities: their migrations and entities. A new
 * capability adds its line here; a new tenant never does (it brings its own through its definition).
 */
export const CORE_MIGRATIONS: MigrationClass[] = [
  PlatformCore1732200000000,
  Tenancy1732200001000,
  Accounts1732200002000,
  AuditLog1732200003000,
  PersonActivity1732200004000,
  Consent1732200005000,
  Connections1732200006000,
  Profiles1732201000000,
  ProfileVerification1732201000001,
  Vacancies1732201100000,
  Applications1732201110000,
  Alerts1732201150000,
  ProfileSearch1732201200000,
  Mail1732202000000,
  Retention1732203000000,
  ConnectionMessages1732204000000,
  DefinerRole1732205000000,
  CatalogWrites1732205000100,
  SearchDefinerOwner1732205000200,
  SessionRefreshHistory1732205100000,
  SignInThrottle1732205110000,
  PasswordReset1732205200000,
  AuditPseudonyms1732206900000,
  MailRecordForgets1732206910000,
  DocumentFileDeletions1732206920000,
  ConsentRecordedBy1732206930000,
  MailHandOff1732209100000,
  Rights1732209400000,
  SessionCaller1732209450000,
  RightsConfirmations1732209460000,
  ProfilePublicHandle1732209500000,
  ConnectionListing1732209500100,
  ProfileProcessingRestriction1732209600300,
  RightsRestrictionLifts1732209600310,
  RightsExportArchives1732209600340,
  SearchRecheckRestriction1732209600350,
  OrgUnitDelegations1732209700000,
  SearchDelegatedReach1732209700100,
  VacancyLabel1732209700200,
  AlertLabel1732209700300,
  AuditProcessingActivity1732209841000,
  RightsObjectionPurpose1732209842000,
  MailRound1732209847000,
  ProcessingRestrictionHolders1732209850000,
  ProfileReachFunctions1732209860000,
  SearchProjectedFields1732209860100,
  ForeignKeysWithoutSetNullColumns1732209870000,
  SearchRoutableOnCitus1732209870002,
  Activity1732209880000,
  PersonActivityRecordedXid1732210000200,
  RetentionAdoptionWatermark1732210000210,
  ProfileCard1732300000000,
  SearchProfileCards1732300000100,
  SearchCappedCounts1732300000200,
  SearchBoundedRanking1732300000300,
  TenancyForeignKeyIndexes1732310000000,
  AuthForeignKeyIndexes1732310000010,
  ProfilesForeignKeyIndexes1732310000020,
  ConnectionsForeignKeyIndexes1732310000030,
  AlertsForeignKeyIndexes1732310000040,
  RightsForeignKeyIndexes1732310000050,
  SearchInlineConsent1732320000000,
  SearchDeclaredPurposes1732330000000,
];

export const CORE_ENTITIES: Function[] = [TenantEntity, TenantDomainEntity, AccountEntity, OrgUnitEntity, VacancyEntity];
