import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ForTenant, Public, rateLimitRoute } from '../../libs/tenant-host/src/index.js';
import { ApplyWithoutAccountDto, ConfirmPendingQuery, VacancyParams } from './winwinwerkt.applying.dto.js';
import { PendingApplicationsService } from './winwinwerkt.pending-applications.service.js';

// It mails the address it names, like registration; the confirmation is a link from a mail.
rateLimitRoute('POST /winwinwerkt/vacancies/:id/apply-without-account', 'registration');
rateLimitRoute('GET /winwinwerkt/pending-applications/confirm', 'mail-links');
rateLimitRoute('POST /winwinwerkt/pending-applications/confirm', 'mail-links');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

@ApiTags('winwinwerkt')
@ForTenant('winwinwerkt')
@Controller('winwinwerkt')
export class PendingApplicationsController {
  constructor(private readonly pending: PendingApplicationsService) {}

  /** Applies without an account: one answer for every address; the mail's link submits the application. */
  @Post('vacancies/:id/apply-without-account')
  @HttpCode(202)
  @Public()
  apply(@Param() p: VacancyParams, @Body() body: ApplyWithoutAccountDto) {
    return this.pending.apply(p.id, body);
  }

  /** The link in the mail: a page with one button. Opening it changes nothing, because mail scanners open links. */
  @Get('pending-applications/confirm')
  @Public()
  @ApiProduces('text/html')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  page(@Query() q: ConfirmPendingQuery): string {
    return `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Sollicitatie bevestigen</title>
<form method="post" action="?token=${escape(encodeURIComponent(q.token))}"><button>Verstuur mijn sollicitatie</button></form></html>`;
  }

  /** Confirms the application the link was mailed for (an address that already had an account). */
  @Post('pending-applications/confirm')
  @HttpCode(201)
  @Public()
  confirm(@Query() q: ConfirmPendingQuery) {
    return this.pending.confirm(q.token);
  }
}
