import { DefinerRole1732205000000, PlatformCore1732200000000 } from '../../database/src/index.js';
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
import { AuditLog1732200003000, AuditPseudonyms1732206900000 } from '../../audit/src/index.js';
import { PersonActivity1732200004000 } from '../../privacy/src/index.js';
import { Consent1732200005000 } from '../../consent/src/migrations/1732200005000-consent.js';
import { ConsentRecordedBy1732206930000 } from '../../consent/src/migrations/1732206930000-consent-recorded-by.js';
import { Connections1732200006000 } from '../../connections/src/migrations/1732200006000-connections.js';
import { ConnectionMessages1732204000000 } from '../../connections/src/migrations/1732204000000-connection-messages.js';
import { Profiles1732201000000 } from '../../profiles/src/migrations/1732201000000-profiles.js';
import { ProfileVerification1732201000001 } from '../../profiles/src/migrations/1732201000001-profile-verification.js';
import { DocumentFileDeletions1732206920000 } from '../../profiles/src/migrations/1732206920000-document-file-deletions.js';
import { ProfilePublicHandle1732209500000 } from '../../profiles/src/migrations/1732209500000-profile-public-handle.js';
import { ConnectionListing1732209500100 } from '../../connections/src/migrations/1732209500100-connection-listing.js';
import { ProfileSearch1732201200000 } from '../../search/src/migrations/1732201200000-profile-search.js';
import { SearchDefinerOwner1732205000200 } from '../../search/src/migrations/1732205000200-search-definer-owner.js';
import { Vacancies1732201100000, Applications1732201110000, VacancyEntity, VacancyLabel1732209700200 } from '../../vacancies/src/index.js';
import { Alerts1732201150000, AlertLabel1732209700300 } from '../../alerts/src/index.js';
import { Mail1732202000000 } from '../../mail/src/migrations/1732202000000-mail.js';
import { MailRecordForgets1732206910000 } from '../../mail/src/migrations/1732206910000-mail-record-forgets.js';
import { MailHandOff1732209100000 } from '../../mail/src/migrations/1732209100000-mail-hand-off.js';
import { Retention1732203000000 } from '../../retention/src/migrations/1732203000000-retention.js';
import { Rights1732209400000 } from '../../rights/src/migrations/1732209400000-rights.js';
import { RightsConfirmations1732209460000 } from '../../rights/src/migrations/1732209460000-rights-confirmations.js';
import { ProfileProcessingRestriction1732209600300 } from '../../profiles/src/migrations/1732209600300-profile-processing-restriction.js';
import { RightsRestrictionLifts1732209600310 } from '../../rights/src/migrations/1732209600310-rights-restriction-lifts.js';
import { RightsExportArchives1732209600340 } from '../../rights/src/migrations/1732209600340-rights-export-archives.js';
import { SearchRecheckRestriction1732209600350 } from '../../search/src/migrations/1732209600350-search-recheck-restriction.js';
import { SearchDelegatedReach1732209700100 } from '../../search/src/migrations/1732209700100-search-delegated-reach.js';
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
];

export const CORE_ENTITIES: Function[] = [TenantEntity, TenantDomainEntity, AccountEntity, OrgUnitEntity, VacancyEntity];
