export { AlertsModule } from './alerts.module.js';
export { AlertMatcherService } from './alert-matcher.service.js';
export { AlertDispatchService, DIGEST_HOUR, DIGEST_ZONE } from './alert-dispatch.service.js';
export { AlertExpiryService } from './alert-expiry.service.js';
export { ALERT_TEMPLATES } from './alert-mailer.js';
export { Alerts1732201150000 } from './migrations/1732201150000-alerts.js';
