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
