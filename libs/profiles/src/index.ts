export { ProfilesModule } from './profiles.module.js';
export {
  projectProfile,
  visibleFieldKeys,
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
export { ProfileProcessingRestriction1732209600300 } from './migrations/1732209600300-profile-processing-restriction.js';
export { ProfileMovesService } from './profile-moves.service.js';
export type { ProfileMove } from './profile-moves.service.js';
