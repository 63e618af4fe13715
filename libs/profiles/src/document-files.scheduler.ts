import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RequestContext, SYSTEM } from '../../context/src/index.js';
import { TenantsService } from '../../tenancy/src/index.js';
import { DocumentFiles } from './document-files.js';

/** Finishes file deletions a process did not live to do, tenant by tenant. Inert in the api process. */
@Injectable()
export class DocumentFilesScheduler {
  private readonly logger = new Logger('document-files');
  private running = false;

  constructor(
    private readonly tenants: TenantsService,
    private readonly files: DocumentFiles,
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'document-files.sweep' })
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const tenant of await this.tenants.list()) {
        const ref = { id: tenant.id, key: tenant.key, plugin: tenant.plugin };
        try {
          const count = await RequestContext.run({ tenant: ref, actor: SYSTEM }, () => this.files.sweep());
          if (count) this.logger.log({ tenant: tenant.key, count }, 'document files deleted by the sweep');
        } catch (err) {
          this.logger.error({ tenant: tenant.key, err }, 'document file sweep failed');
        }
      }
    } finally {
      this.running = false;
    }
  }
}
