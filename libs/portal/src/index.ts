export { PortalModule } from './portal.module.js';
export { AccountGateway } from './session/account-gateway.js';
export type { PasswordResetFlow } from './session/account-gateway.js';
export { portalRoutes } from './pages/routes.js';
export type { PageRoute, PageAccess } from './http/page.js';
export { mailboxEnabled } from './dev/dev-mailbox.js';
export { STATISTICS_COOKIES } from './pages/public.pages.js';
export { COOKIES } from './session/cookies.js';
