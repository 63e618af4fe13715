export { ProfilesModule } from './profiles.module.js';
export {
  projectProfile,
  visibleFieldKeys,
  audienceFieldKeys,
  identifyingFieldKeys,
  consentBoundFields,
  fieldVisibleTo,
  identityHiddenFor,
  isInsideAudience,
  nameFieldKeys,
} from './profile-projection.js';
export type {
  ProfileProjection,
  ProjectableProfile,
  ProjectionInput,
  ProfileDocumentRef,
  ProjectedDocument,
} from './profile-projection.js';
export { validateProfileFields, missingRequiredFields } from './profile-fields.validator.js';
export type { FieldWriteContext, FieldValidation } from './profile-fields.validator.js';
export { listedInCandidateBank, addMonths } from './candidate-listing.js';
export { PROFILE_STATES, LISTED_STATES } from './profile-state.js';
export type { ProfileState } from './profile-state.js';
export { AudienceResolver } from './audience-resolver.js';
// Reach and projection as SQL: the one place the rules above become SQL, and the listing questions other capabilities ask.
export {
  fieldProjection,
  listedStateSql,
  listedToOutsidersSql,
  projectedFieldsSql,
  NO_FIELDS,
  REACH_SQL_FUNCTIONS,
  profileCardSql,
} from './reach-sql.js';
export type { FieldProjectionSql } from './reach-sql.js';
export {
  listedToOutsidersByHandle,
  listingActivatedAt,
  inListedState,
  renewListing,
  profilesForIndex,
  profileIdsAfter,
} from './profile-listings.js';
export type { ListedProfile, ProfileForIndex } from './profile-listings.js';
export {
  profileInUnitsSql,
  profileOrgUnitSql,
  processingRestrictedSql,
  profileHandleSql,
  profileAliasSql,
  listedActivationsSql,
} from './reach-sql.js';
export { ProfileReachFunctions1732209860000 } from './migrations/1732209860000-profile-reach-functions.js';
export { ProfileCard1732300000000 } from './migrations/1732300000000-profile-card.js';
export { ConsentReader } from './consent-reader.js';
export { ProfileReaderService } from './profile-reader.service.js';
export { ProfileStore } from './profile.store.js';
export { Profiles1732201000000 } from './migrations/1732201000000-profiles.js';
export { ProfileVerification1732201000001 } from './migrations/1732201000001-profile-verification.js';
// Use cases the web portal calls, exactly as the API's controllers do.
export { ProfileRegistrationService } from './profile-registration.service.js';
export { EmailVerificationService } from './email-verification.service.js';
export { ProfileWriterService } from './profile-writer.service.js';
export { ProfileStatesService } from './profile-states.service.js';
export { ProfileDocumentsService } from './profile-documents.service.js';
export type { OwnDocumentFile } from './profile-documents.service.js';
export { RegisterProfileDto } from './dto/register-profile.dto.js';
export { ProfileEnrolmentService } from './profile-enrolment.service.js';
export type { EnrolmentCommand } from './profile-enrolment.service.js';
export {
  ProcessingRestrictions,
  isProcessingRestricted,
  RESTRICTED_MAIL_CATEGORIES,
} from './processing-restriction.js';
export type { RestrictionHolder, AppliedLift } from './processing-restriction.js';
export { ProfileProcessingRestriction1732209600300 } from './migrations/1732209600300-profile-processing-restriction.js';
export { ProfileMovesService } from './profile-moves.service.js';
export type { ProfileMove } from './profile-moves.service.js';
// Registration with a follow-up in its unit of work, work that waits for the proven address, and the expiry of unconfirmed registrations.
export type { RegistrationFollowUp } from './profile-registration.service.js';
export { EmailVerifiedListeners } from './email-verified.listeners.js';
export type { EmailVerifiedListener } from './email-verified.listeners.js';
export { UnverifiedRegistrations } from './unverified-registrations.js';
export { StaffReach } from './staff-reach.js';
// Used by other libraries (added when deep imports were routed through this index).
export { ALIAS_ATTEMPTS, drawAlias } from './alias.js';
export { DocumentFiles } from './document-files.js';
export { attachmentDisposition, receiveUpload } from './document-upload.js';
export type { ReceivedDocument, UploadRules } from './document-upload.js';
export { UuidParam } from './dto/uuid-param.pipe.js';
export { DocumentFileDeletions1732206920000 } from './migrations/1732206920000-document-file-deletions.js';
export { ProfilePublicHandle1732209500000 } from './migrations/1732209500000-profile-public-handle.js';
export { refusedValueProblems } from './refused-values.js';
export { ProcessingRestrictionHolders1732209850000 } from './migrations/1732209850000-processing-restriction-holders.js';
// A tenant module's read of its own people's stored profile values, without naming the profiles table.
export { profileCreatedAt, profileFieldValues, profileStates, profileVisibility } from './profile-facts.js';
export { ProfilesForeignKeyIndexes1732310000020 } from './migrations/1732310000020-foreign-key-indexes.js';
