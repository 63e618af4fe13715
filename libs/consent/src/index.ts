export { ConsentModule } from './consent.module.js';
export { ConsentService } from './consent.service.js';
export { ConsentWithdrawalListeners } from './consent-withdrawal.listeners.js';
export type { ConsentWithdrawalListener } from './consent-withdrawal.listeners.js';
export type { ConsentDecision, ConsentEventRow } from './consent.service.js';
export { Consent1732200005000 } from './migrations/1732200005000-consent.js';
// Used by other libraries (added when deep imports were routed through this index).
export { ConsentRecordedBy1732206930000 } from './migrations/1732206930000-consent-recorded-by.js';
