import { PlatformCore1732200000000 } from '../../database/src/index.js';
import { Tenancy1732200001000, TenantEntity, TenantDomainEntity } from '../../tenancy/src/index.js';
import { Accounts1732200002000, AccountEntity, OrgUnitEntity } from '../../auth/src/index.js';
import { AuditLog1732200003000 } from '../../audit/src/index.js';
import { PersonActivity1732200004000 } from '../../privacy/src/index.js';
import { Consent1732200005000 } from '../../consent/src/migrations/1732200005000-consent.js';
import { Connections1732200006000 } from '../../connections/src/migrations/1732200006000-connections.js';
import { ConnectionMessages1732204000000 } from '../../connections/src/migrations/1732204000000-connection-messages.js';
import { Profiles1732201000000 } from '../../profiles/src/migrations/1732201000000-profiles.js';
import { ProfileVerification1732201000001 } from '../../profiles/src/migrations/1732201000001-profile-verification.js';
import { ProfileSearch1732201200000 } from '../../search/src/migrations/1732201200000-profile-search.js';
import { Vacancies1732201100000, Applications1732201110000, VacancyEntity } from '../../vacancies/src/index.js';
import { Alerts1732201150000 } from '../../alerts/src/index.js';
import { Mail1732202000000 } from '../../mail/src/migrations/1732202000000-mail.js';
import { MailHandOff1732209100000 } from '../../mail/src/migrations/1732209100000-mail-hand-off.js';
import { Retention1732203000000 } from '../../retention/src/migrations/1732203000000-retention.js';
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
  MailHandOff1732209100000,
];

export const CORE_ENTITIES: Function[] = [TenantEntity, TenantDomainEntity, AccountEntity, OrgUnitEntity, VacancyEntity];
