import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { MailTracking, TRACKING_PIXEL } from './mail-tracking.js';
import { TrackedLinkQuery } from './mail.dto.js';

const NO_STORE = 'no-store, private';

/**
 * Where a tracked mail's pixel and links lead (see MailTracking). Both are public: a mail client
 * signs nobody in. A pixel answers the same image for any token; a link redirects only to the
 * address its token was signed for, so it can never be made into an open redirect.
 */
@ApiTags('mail')
@Controller('mail/t/:tenant')
export class MailTrackingController {
  constructor(
    private readonly tracking: MailTracking,
    private readonly registry: TenantRegistry,
  ) {}

  @Get('o/:file')
  @Public()
  @ApiProduces('image/gif')
  async open(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const tenant = RequestContext.tenant();
    const token = /^(.+)\.gif$/.exec(file)?.[1] ?? '';
    const claims = this.tracking.verify(tenant.id, 'mail-open', token);
    if (claims) await this.tracking.record(tenant, this.definition(), 'mail-open', claims.messageId, 0);
    // Web mail shows images from another origin: this one image may be loaded cross-origin.
    reply.headers({ 'content-type': 'image/gif', 'cache-control': NO_STORE, 'cross-origin-resource-policy': 'cross-origin' });
    return TRACKING_PIXEL;
  }

  @Get('c/:token')
  @Public()
  async click(@Param('token') token: string, @Query() query: TrackedLinkQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const tenant = RequestContext.tenant();
    const target = query.u;
    const claims = target ? this.tracking.verify(tenant.id, 'mail-click', token, target) : null;
    if (!claims) throw new NotFoundException('This link is not one of our mails.');
    await this.tracking.record(tenant, this.definition(), 'mail-click', claims.messageId, claims.link);
    reply.status(302).headers({ location: target, 'cache-control': NO_STORE });
    return '';
  }

  private definition() {
    const plugin = RequestContext.tenant().plugin;
    return this.registry.has(plugin) ? this.registry.get(plugin) : null;
  }
}
