export { RightsModule } from './rights.module.js';
export { RightsRequestsService } from './rights-requests.service.js';
export { RightsByEmail } from './rights-by-email.service.js';
export { RightsDeadlineSweep } from './rights-deadlines.sweep.js';
export { processingRegister, registerHtml, registerProblems } from './processing-register.js';
export { Rights1732209400000 } from './migrations/1732209400000-rights.js';
export { RightsConfirmations1732209460000 } from './migrations/1732209460000-rights-confirmations.js';
