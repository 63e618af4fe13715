export { AccountRecoveryModule } from './account-recovery.module.js';
export { PasswordResetService } from './password-reset.service.js';
export { PasswordReset1732205200000 } from './migrations/1732205200000-password-reset.js';
export { OrganisationAccountsService } from './organisation-accounts.service.js';
export type { OrganisationAccountCommand, OrganisationMember, OrganisationRole } from './organisation-accounts.service.js';
