import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../config/src/index.js';
import { TenantRegistry, TenantsService } from '../../tenancy/src/index.js';
import { DevMailbox, mailboxEnabled } from './dev/dev-mailbox.js';
import { installTenantPaths } from './http/tenant-paths.js';
import { portalPlugin } from './http/portal-plugin.js';
import { portalRoutes } from './pages/routes.js';
import { AccountGateway } from './session/account-gateway.js';
import { PortalServices } from './portal-services.js';

/**
 * Puts the portal on the API's Fastify server while the app initialises. Nothing in the worker,
 * which serves no HTTP.
 */
@Injectable()
export class PortalHttpSetup implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly services: PortalServices,
    private readonly gateway: AccountGateway,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    const mailbox = mailboxEnabled(this.config) ? new DevMailbox(this.config.MAIL_DEV_OUTBOX_DIR) : null;
    installTenantPaths(fastify);
    void fastify.register(portalPlugin, {
      config: this.config,
      services: this.services,
      gateway: this.gateway,
      tenants: this.tenants,
      registry: this.registry,
      routes: portalRoutes({ mailbox: mailbox !== null }),
      mailbox,
    });
  }
}
