export { AlertsModule } from './alerts.module.js';
export { AlertMatcherService } from './alert-matcher.service.js';
export { AlertDispatchService, DIGEST_HOUR, DIGEST_ZONE } from './alert-dispatch.service.js';
export { AlertExpiryService } from './alert-expiry.service.js';
export { ALERT_TEMPLATES } from './alert-mailer.js';
export { Alerts1732201150000 } from './migrations/1732201150000-alerts.js';
export { AlertLabel1732209700300 } from './migrations/1732209700300-alert-label.js';
// The use case and request shape the web portal uses, exactly as the API's controller does.
export { AlertSubscriptionsService } from './alert-subscriptions.service.js';
export { SubscribeDto, ALERT_FREQUENCIES } from './alert.dto.js';
export { AlertsForeignKeyIndexes1732310000040 } from './migrations/1732310000040-foreign-key-indexes.js';
