export { RightsModule } from './rights.module.js';
export { RightsRequestsService } from './rights-requests.service.js';
export { RightsByEmail } from './rights-by-email.service.js';
export { PersonOverview } from './person-overview.service.js';
export { RightsExports, type ExportDownload } from './rights-exports.service.js';
export { DossierOpenings, type DossierOpening } from './dossier-openings.service.js';
export { ExtendRightsRequestDto, RequestByEmailDto, RightsStatusDto, SubmitRightsRequestDto } from './rights.dto.js';
export { NEXT, type RightsStatus } from './rights-request.js';
export { RightsDeadlineSweep } from './rights-deadlines.sweep.js';
export { processingRegister, registerHtml, registerProblems } from './processing-register.js';
export { Rights1732209400000 } from './migrations/1732209400000-rights.js';
export { RightsConfirmations1732209460000 } from './migrations/1732209460000-rights-confirmations.js';
// Used by other libraries (added when deep imports were routed through this index).
export { resumeMappingMarkdown } from './json-resume.js';
export { RightsRestrictionLifts1732209600310 } from './migrations/1732209600310-rights-restriction-lifts.js';
export { RightsExportArchives1732209600340 } from './migrations/1732209600340-rights-export-archives.js';
export { RightsObjectionPurpose1732209842000 } from './migrations/1732209842000-rights-objection-purpose.js';
export { RestrictionHolds, type TenantHold, type TenantHoldState } from './restriction-holds.js';
export { RestrictionLiftSweep } from './restriction-lifts.sweep.js';
