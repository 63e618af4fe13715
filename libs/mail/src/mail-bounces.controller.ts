import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { BounceSecretGuard } from './bounce-secret.guard.js';
import { parseDeliveryStatusReport } from './delivery-status-report.js';
import { MailBouncesService } from './mail-bounces.service.js';
import { BounceWebhookDto } from './mail.dto.js';

/**
 * Where delivery-status notifications arrive, per tenant. Public to the access rules (a provider
 * has no account) but closed by the shared secret.
 */
@ApiTags('mail')
@ApiHeader({ name: 'X-Bounce-Secret', required: false, description: 'The shared secret (or send it as a bearer token or the basic-auth password)' })
@Controller('mail/t/:tenant/bounces')
export class MailBouncesController {
  constructor(private readonly bounces: MailBouncesService) {}

  /** The simple JSON shape: `{ events: [{ type, address, messageId?, status? }] }`. */
  @Post()
  @Public()
  @UseGuards(BounceSecretGuard)
  @HttpCode(200)
  webhook(@Body() body: BounceWebhookDto) {
    return this.bounces.apply(
      body.events.map((e) => ({ kind: e.type, address: e.address, messageIdHeader: e.messageId ?? null, status: e.status ?? null })),
    );
  }

  /** An RFC 3464 report as received (multipart/report, or its message/delivery-status part). */
  @Post('dsn')
  @ApiConsumes('multipart/report', 'message/delivery-status')
  @ApiBody({ description: 'The report as received, RFC 3464', schema: { type: 'string' } })
  @Public()
  @UseGuards(BounceSecretGuard)
  @HttpCode(200)
  report(@Body() raw: unknown) {
    const notices = typeof raw === 'string' ? parseDeliveryStatusReport(raw) : [];
    if (!notices.length)
      throw new ValidationProblem([
        { field: 'body', reason: 'must be an RFC 3464 delivery-status report (multipart/report) with a failed or delayed recipient' },
      ]);
    return this.bounces.apply(notices);
  }
}
