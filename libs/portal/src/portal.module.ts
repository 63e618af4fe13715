import { Module } from '@nestjs/common';
import { AccountGateway } from './session/account-gateway.js';
import { PortalHttpSetup } from './portal-http.setup.js';
import { PortalServices } from './portal-services.js';

/**
 * The web portal: server-rendered pages for every kind of user, per tenant and label, on the same
 * tenant context, access rules, use cases and branding as the API and the mail.
 */
@Module({
  providers: [PortalServices, AccountGateway, PortalHttpSetup],
  exports: [AccountGateway],
})
export class PortalModule {}
