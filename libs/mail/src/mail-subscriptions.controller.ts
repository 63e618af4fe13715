import { Body, Controller, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/src/index.js';
import { escapeHtml as escape, htmlPage } from '../../http/src/index.js';
import { layoutLabels } from './mail-layout.js';
import { MailPreferencesDto, UnsubscribeTokenQuery } from './mail.dto.js';
import { MailSubscriptionsService } from './mail-subscriptions.service.js';

/**
 * The targets of the links at the bottom of every mail but transactional ones. The tenant comes
 * from the path (mail clients send no tenant header); the signed token says who and which category.
 */
@ApiTags('mail')
@Controller('mail/t/:tenant')
export class MailSubscriptionsController {
  constructor(private readonly subscriptions: MailSubscriptionsService) {}

  /**
   * The visible footer link: a page with one button. Opening it changes nothing, because mail
   * scanners open links; the button (or a mail client's one-click POST) unsubscribes.
   */
  @Get('unsubscribe')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async page(@Query() query: UnsubscribeTokenQuery): Promise<string> {
    const { categories } = await this.subscriptions.preferences(query.token);
    const en = layoutLabels('en');
    const nl = layoutLabels('nl');
    const action = `?token=${encodeURIComponent(query.token)}`;
    return htmlPage({
      lang: 'en',
      title: en.unsubscribe,
      body: `<form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escape(nl.unsubscribe)} / ${escape(en.unsubscribe)}</button></form>
<p>${categories.map((c) => `${escape(c.category)}: ${c.subscribed ? 'on' : 'off'}`).join(' &middot; ')}</p>`,
    });
  }

  /** RFC 8058 one-click: the POST itself unsubscribes, no further step, no sign-in. */
  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    required: false,
    description: 'What a mail client sends for one-click unsubscribe (RFC 8058); the token in the query is what counts',
    schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } },
  })
  unsubscribe(@Query() query: UnsubscribeTokenQuery) {
    return this.subscriptions.unsubscribe(query.token);
  }

  @Get('preferences')
  @Public()
  preferences(@Query() query: UnsubscribeTokenQuery) {
    return this.subscriptions.preferences(query.token);
  }

  @Put('preferences')
  @Public()
  choose(@Query() query: UnsubscribeTokenQuery, @Body() body: MailPreferencesDto) {
    return this.subscriptions.choose(query.token, body);
  }
}
