export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
export type { AuditEntry, AuditDetails, AuditRow } from './audit.service.js';
export { AuditLog1732200003000 } from './migrations/1732200003000-audit-log.js';
