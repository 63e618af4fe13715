import { NotFoundException } from '@nestjs/common';
import { MailRecordsService } from '../../../mail/src/index.js';
import { uuidParam, type PageContext, type PageRoute } from '../http/page.js';
import { DevMailbox, mailboxEnabled } from './dev-mailbox.js';

const LIMIT = 200;

async function messages(ctx: PageContext) {
  const records = await ctx.services.get(MailRecordsService).list({ status: 'sent', limit: LIMIT });
  return new DevMailbox(ctx.config.MAIL_DEV_OUTBOX_DIR).messages(records);
}

async function message(ctx: PageContext) {
  const id = uuidParam(ctx, 'id');
  const found = (await messages(ctx)).find((m) => m.id === id);
  if (!found) throw new NotFoundException('No such mail');
  return found;
}

/** Development only: not registered at all when mail leaves the machine (see mailboxEnabled). */
export const mailboxPages: readonly PageRoute[] = [
  {
    method: 'GET',
    path: '/dev/mailbox',
    access: 'public',
    offered: (_def, config) => mailboxEnabled(config),
    handler: async (ctx) => ctx.render('pages/mailbox', ctx.t('mailbox.title'), { messages: await messages(ctx) }),
  },
  {
    method: 'GET',
    path: '/dev/mailbox/:id',
    access: 'public',
    offered: (_def, config) => mailboxEnabled(config),
    handler: async (ctx) => {
      const m = await message(ctx);
      return ctx.render('pages/mailbox-message', m.subject, { message: m });
    },
  },
  {
    method: 'GET',
    path: '/dev/mailbox/:id/html',
    access: 'public',
    offered: (_def, config) => mailboxEnabled(config),
    handler: async (ctx) => ({ kind: 'raw', status: 200, type: 'text/html; charset=utf-8', body: (await message(ctx)).html, framedMail: true }),
  },
];
