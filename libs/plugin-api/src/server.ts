/**
 * Runtime pieces of the core a tenant's own NestJS module may use: access rules, the tenant unit
 * of work, the audit log, the clock and the request context. Tenants import this file and index.ts,
 * nothing else under libs/ (a lint rule enforces it).
 */
export { Public, Authenticated, Roles } from '../../auth/src/access.decorators.js';
export { CurrentActor } from '../../auth/src/current-actor.decorator.js';
export { TenantDb, TenantTx, tenantTableSecurity } from '../../database/src/index.js';
export type { TenantOwned } from '../../database/src/index.js';
export { AuditService } from '../../audit/src/audit.service.js';
export { Clock } from '../../config/src/clock.js';
export { RequestContext } from '../../context/src/index.js';
export type { Actor, TenantRef } from '../../context/src/index.js';
