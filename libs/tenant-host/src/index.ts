/**
 * The tenant host: the runtime pieces of the core a tenant's own NestJS module may use, and
 * nothing else (tenants import this file and libs/plugin-api/src/index.ts, a lint rule enforces
 * it). It sits above the capabilities, so the contract (plugin-api) stays a leaf that imports no
 * library. What a tenant module may use, by group:
 * - access: `Public`, `Authenticated`, `Roles`, `CurrentActor`, `ForTenant`, rate limits;
 * - org units: `OrgUnitsService`, `OrgUnitDelegationsService`;
 * - data: `TenantDb`/`TenantTx` (the tenant unit of work), `tenantTableSecurity` for migrations;
 * - time and context: `Clock`, `RequestContext`, `portalActor` (a tenant page's caller);
 * - input: `ValidationProblem`, `assertValidBody` and the DTO input rules;
 * - person data: `PersonDataRegistry`, `ErasureService`, `ActivityService`, `AuditService`;
 * - capabilities' use cases: mail, retention anchors, applying, the vacancy ranking, profiles
 *   (enrolment, states, moves, staff reach, registration, documents), organisation accounts.
 * Adding a piece is a decision about the tenant contract: document why a tenant needs it, here.
 */
export { Public, Authenticated, Roles } from '../../auth/src/index.js';
// A tenant's own public route that changes something (a machine-credential API) names its rate-limit group.
export { RateLimited } from '../../auth/src/index.js';
export { CurrentActor } from '../../auth/src/index.js';
export { OrgUnitsService } from '../../auth/src/index.js';
// Delegated org-unit access (visibility.candidateBank.delegatedAccess): dated grants from one unit to another's staff.
export { OrgUnitDelegationsService } from '../../auth/src/index.js';
export type { Delegation, GrantDelegationCommand } from '../../auth/src/index.js';
export { TenantDb, TenantTx, tenantTableSecurity } from '../../database/src/index.js';
export type { TenantOwned } from '../../database/src/index.js';
export { AuditService } from '../../audit/src/index.js';
export { Clock, FixedClock } from '../../config/src/index.js';
export { RequestContext } from '../../context/src/index.js';
// Absolute links to the tenant's own portal pages, for its mails (a provider of the tenant module).
export { PortalLinks } from './portal-links.js';
export type { Actor, TenantRef } from '../../context/src/index.js';
// A tenant page's caller, to hand to the use cases it calls (they take the actor as input).
export { portalActor } from './portal-actor.js';
export { ValidationProblem, assertValidBody } from '../../http/src/index.js';
export type { FieldProblem } from '../../http/src/index.js';
// The input rules of every request DTO (null, blank text, nested objects, dates, amounts).
export { Optional, Nullable, Text, NestedObject, NestedObjects, IsoDate, IsoDateTime, Amount } from '../../http/src/index.js';
export { PersonDataRegistry, ErasureService, ActivityService } from '../../privacy/src/index.js';
export type { PersonDataHandler } from '../../privacy/src/index.js';
export { MailService } from '../../mail/src/index.js';
export { recordImport } from '../../health/src/index.js';
// A tenant module imports RetentionModule to report the moments its schedules count from.
export { RetentionModule, RetentionService } from '../../retention/src/index.js';
export { ForTenant } from './for-tenant.js';
// The core's apply use case (the signed-in jobseeker applies to a vacancy of the site served), for a
// tenant's own apply step that asks more in the same unit of work (statement 003: the statement, the
// Talenten Etalage). A tenant module imports ApplicationsModule to inject it.
export { ApplicationsService, ApplicationsModule } from '../../vacancies/src/index.js';
// Read-only ranking of the tenant's published vacancies, for a tenant's own job feed.
export { PublishedVacancyRanking } from '../../vacancies/src/index.js';
export type { RankedVacancy } from '../../vacancies/src/index.js';
// Accounts the tenant's own organisation creates and pre-fills, with an invitation to set the password.
export { ProfilesModule, ProfileEnrolmentService, ProfileStatesService } from '../../profiles/src/index.js';
export type { EnrolmentCommand } from '../../profiles/src/index.js';
// Staff move a person's profile to another org unit (statement 004: moving to another municipality).
export { ProfileMovesService } from '../../profiles/src/index.js';
export type { ProfileMove } from '../../profiles/src/index.js';
// The stored values of its people's profiles and their visibility choice, for a tenant module's own rules
// (its routes decide who receives them), so no tenant names the profiles table.
export { profileCreatedAt, profileFieldValues, profileVisibility } from '../../profiles/src/index.js';
// Whether the caller reaches a person as staff (the profile's own rule), for a tenant's records about that person.
export { StaffReach } from '../../profiles/src/index.js';
// Accounts of an organisation's staff created by someone else (with an invitation) and revoked (statement 002).
export { AccountRecoveryModule, OrganisationAccountsService } from '../../account-recovery/src/index.js';
export type { OrganisationAccountCommand, OrganisationMember, OrganisationRole } from '../../account-recovery/src/index.js';
// The check behind a field's `refuses`, for a tenant's own free-text inputs (contact forms).
export { refusedValueProblems } from '../../profiles/src/index.js';
// The active tenants running on a definition, for a tenant module's own scheduled work.
export { PluginTenants } from '../../tenancy/src/index.js';
// A tenant's own public route that changes something is rate limited like the core's (a test checks it).
export { rateLimitRoute } from '../../auth/src/index.js';
export type { RateLimitGroup } from '../../auth/src/index.js';
// A tenant's own documents (statement 002: documents attached to actions), stored as the core stores
// profile documents: `receiveUpload` reads one multipart file within a size limit and types it by its
// bytes; `DocumentFiles` (from ProfilesModule) stores the bytes before the row commits and deletes
// them durably once the rows are gone (`storeUnclaimed`, `claim`, `deleteAfterCommit`, `deleteNow`);
// `FileStorage.get` reads them back; `attachmentDisposition` names a download safely.
export { DocumentFiles } from '../../profiles/src/index.js';
export { receiveUpload, attachmentDisposition } from '../../profiles/src/index.js';
export type { ReceivedDocument, UploadRules } from '../../profiles/src/index.js';
export { FileStorage } from '../../storage/src/index.js';
// Self-registration with a follow-up in its unit of work (statement 003: applying without an account
// in the request that creates it): `ProfileRegistrationService.register(input, followUp)` keeps what
// waits for the proven address, or lets the caller mail an existing account's holder itself;
// `EmailVerifiedListeners` runs a module's work in the verification's unit of work;
// `UnverifiedRegistrations.expire` erases registrations whose every link expired (the worker runs it
// hourly), through the same erasure, so whatever waited goes with them. From ProfilesModule.
export { ProfileRegistrationService, EmailVerifiedListeners, UnverifiedRegistrations } from '../../profiles/src/index.js';
export type { RegistrationFollowUp, EmailVerifiedListener } from '../../profiles/src/index.js';
// A tenant's own hold on a person's restriction of processing (art. 18 / 21; RefugeeWork's objection):
// `RestrictionHolds.place` restricts from now on, `announceLift` mails the person the day the hold
// ends (after `rights.liftNoticeWorkingDays`), `cancelLift` withdraws that. One holder among others:
// lifting it never lifts a request's or another hold. A tenant module imports RightsModule to inject it.
export { RightsModule, RestrictionHolds } from '../../rights/src/index.js';
export type { TenantHold, TenantHoldState } from '../../rights/src/index.js';
