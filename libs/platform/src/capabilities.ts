import { PlatformCore1732200000000 } from '../../database/src/index.js';
import { Tenancy1732200001000, TenantEntity, TenantDomainEntity } from '../../tenancy/src/index.js';
import { Accounts1732200002000, AccountEntity, OrgUnitEntity } from '../../auth/src/index.js';
import { AuditLog1732200003000 } from '../../audit/src/index.js';
import { PersonActivity1732200004000 } from '../../privacy/src/index.js';
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
];

export const CORE_ENTITIES: Function[] = [TenantEntity, TenantDomainEntity, AccountEntity, OrgUnitEntity];
