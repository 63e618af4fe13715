export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
export type { AuditEntry, AuditDetails, AuditRow } from './audit.service.js';
export { AuditPseudonyms, PERSON_SUBJECT_TYPES, isPersonSubject } from './audit-pseudonyms.js';
export { AuditLog1732200003000 } from './migrations/1732200003000-audit-log.js';
export { AuditPseudonyms1732206900000 } from './migrations/1732206900000-audit-pseudonyms.js';
export { AuditProcessingActivity1732209841000 } from './migrations/1732209841000-audit-processing-activity.js';
export { ProcessingActivities, UnclassifiedAuditActionError } from './processing-activities.js';
