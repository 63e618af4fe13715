export { PrivacyModule } from './privacy.module.js';
export { PersonDataRegistry } from './person-data.registry.js';
export type { PersonDataHandler, PersonContact, ErasureGuard } from './person-data.registry.js';
export { ErasureBlockedError } from './erasure-blocked.error.js';
export { ErasureService } from './erasure.service.js';
export { ActivityService } from './activity.service.js';
export type { ActivityKind, ActivityEvent, ActivityListener } from './activity.service.js';
export { TenantEventsService } from './tenant-events.service.js';
export { PersonActivity1732200004000 } from './migrations/1732200004000-person-activity.js';
