import { PlatformCore1732200000000 } from '../../database/src/index.js';
import { Tenancy1732200001000, TenantEntity, TenantDomainEntity } from '../../tenancy/src/index.js';
import { Accounts1732200002000, AccountEntity, OrgUnitEntity } from '../../auth/src/index.js';
import { AuditLog1732200003000 } from '../../audit/src/index.js';
import { PersonActivity1732200004000 } from '../../privacy/src/index.js';
import { Consent1732200005000 } from '../../consent/src/migrations/1732200005000-consent.js';
import { Connections1732200006000 } from '../../connections/src/migrations/1732200006000-connections.js';
import { Profiles1732201000000 } from '../../profiles/src/migrations/1732201000000-profiles.js';
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
];

export const CORE_ENTITIES: Function[] = [TenantEntity, TenantDomainEntity, AccountEntity, OrgUnitEntity];
