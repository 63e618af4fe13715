/**
 * Runtime pieces of the core a tenant's own NestJS module may use: access rules, the tenant unit
 * of work, the audit log, the clock, the request context, validation problems, the person-data
 * registry (erasure, export), mail and retention anchors. Tenants import this file and index.ts,
 * nothing else under libs/ (a lint rule enforces it).
 */
export { Public, Authenticated, Roles } from '../../auth/src/access.decorators.js';
// A tenant's own public route that changes something (a machine-credential API) names its rate-limit group.
export { RateLimited } from '../../auth/src/rate-limits.js';
export { CurrentActor } from '../../auth/src/current-actor.decorator.js';
export { OrgUnitsService } from '../../auth/src/org-units.service.js';
// Delegated org-unit access (visibility.candidateBank.delegatedAccess): dated grants from one unit to another's staff.
export { OrgUnitDelegationsService } from '../../auth/src/org-unit-delegations.service.js';
export type { Delegation, GrantDelegationCommand } from '../../auth/src/org-unit-delegations.service.js';
export { TenantDb, TenantTx, tenantTableSecurity } from '../../database/src/index.js';
export type { TenantOwned } from '../../database/src/index.js';
export { AuditService } from '../../audit/src/audit.service.js';
export { Clock, FixedClock } from '../../config/src/clock.js';
export { RequestContext } from '../../context/src/index.js';
export type { Actor, TenantRef } from '../../context/src/index.js';
export { ValidationProblem, assertValidBody } from '../../http/src/validation-problem.js';
export type { FieldProblem } from '../../http/src/validation-problem.js';
// The input rules of every request DTO (null, blank text, nested objects, dates, amounts).
export { Optional, Nullable, Text, NestedObject, NestedObjects, IsoDate, IsoDateTime, Amount } from '../../http/src/input-rules.js';
export { PersonDataRegistry, ErasureService, ActivityService } from '../../privacy/src/index.js';
export type { PersonDataHandler } from '../../privacy/src/index.js';
export { MailService } from '../../mail/src/mail.service.js';
// A tenant module imports RetentionModule to report the moments its schedules count from.
export { RetentionModule, RetentionService } from '../../retention/src/index.js';
export { ForTenant } from './tenant-routes.js';
// The core's apply use case (the signed-in jobseeker applies to a vacancy of the site served), for a
// tenant's own apply step that asks more in the same unit of work (statement 003: the statement, the
// Talenten Etalage). A tenant module imports ApplicationsModule to inject it.
export { ApplicationsService, ApplicationsModule } from '../../vacancies/src/applications/index.js';
// Read-only ranking of the tenant's published vacancies, for a tenant's own job feed.
export { PublishedVacancyRanking } from '../../vacancies/src/published-vacancy-ranking.service.js';
export type { RankedVacancy } from '../../vacancies/src/published-vacancy-ranking.service.js';
// Accounts the tenant's own organisation creates and pre-fills, with an invitation to set the password.
export { ProfilesModule, ProfileEnrolmentService, ProfileStatesService } from '../../profiles/src/index.js';
export type { EnrolmentCommand } from '../../profiles/src/index.js';
// Staff move a person's profile to another org unit (statement 004: moving to another municipality).
export { ProfileMovesService } from '../../profiles/src/index.js';
export type { ProfileMove } from '../../profiles/src/index.js';
// Accounts of an organisation's staff created by someone else (with an invitation) and revoked (statement 002).
export { AccountRecoveryModule, OrganisationAccountsService } from '../../account-recovery/src/index.js';
export type { OrganisationAccountCommand, OrganisationMember, OrganisationRole } from '../../account-recovery/src/index.js';
// The check behind a field's `refuses`, for a tenant's own free-text inputs (contact forms).
export { refusedValueProblems } from '../../profiles/src/refused-values.js';
// The active tenants running on a definition, for a tenant module's own scheduled work.
export { PluginTenants } from '../../tenancy/src/plugin-tenants.service.js';
// A tenant's own public route that changes something is rate limited like the core's (a test checks it).
export { rateLimitRoute } from '../../auth/src/rate-limits.js';
export type { RateLimitGroup } from '../../auth/src/rate-limits.js';
// A tenant's own documents (statement 002: documents attached to actions), stored as the core stores
// profile documents: `receiveUpload` reads one multipart file within a size limit and types it by its
// bytes; `DocumentFiles` (from ProfilesModule) stores the bytes before the row commits and deletes
// them durably once the rows are gone (`storeUnclaimed`, `claim`, `deleteAfterCommit`, `deleteNow`);
// `FileStorage.get` reads them back; `attachmentDisposition` names a download safely.
export { DocumentFiles } from '../../profiles/src/document-files.js';
export { receiveUpload, attachmentDisposition } from '../../profiles/src/document-upload.js';
export type { ReceivedDocument, UploadRules } from '../../profiles/src/document-upload.js';
export { FileStorage } from '../../storage/src/storage.js';
