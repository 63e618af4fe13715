import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../../config/src/index.js';
import type { MailRecord } from '../../../mail/src/index.js';

/**
 * The development mailbox exists only where mail never leaves the machine: not in production, and
 * not when an SMTP server is configured (that server's own web view, Mailpit in docker compose,
 * shows the mail then). Production refuses to start without SMTP_URL, so both rules hold there.
 */
export function mailboxEnabled(config: Pick<AppConfig, 'isProduction' | 'SMTP_URL'>): boolean {
  return !config.isProduction && !config.SMTP_URL;
}

export interface MailboxMessage {
  readonly id: string;
  readonly template: string;
  readonly to: string;
  readonly subject: string;
  readonly at: Date | null;
  readonly text: string;
  readonly html: string;
  readonly links: string[];
}

interface OutboxLine {
  messageId: string;
  to: string;
  subject: string;
  at: string;
  text: string;
  html: string;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"')]+/g;

/**
 * A mail catcher for development: what the file transport wrote to the outbox (the rendered mails,
 * exactly as they would have gone out), shown for the mail records of the tenant in context only,
 * matched by Message-ID. The records come from the mail engine, so one tenant's mailbox never shows
 * another tenant's mail.
 */
export class DevMailbox {
  constructor(private readonly dir: string) {}

  private async outbox(): Promise<Map<string, OutboxLine>> {
    let text: string;
    try {
      text = await readFile(join(this.dir, 'outbox.jsonl'), 'utf8');
    } catch {
      return new Map();
    }
    const out = new Map<string, OutboxLine>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const m = JSON.parse(line) as OutboxLine;
        if (m.messageId) out.set(m.messageId, m);
      } catch {
        // A line cut short by a crash: the rest of the outbox still shows.
      }
    }
    return out;
  }

  /** The tenant's sent mail (the records passed in), newest first, with what was sent. */
  async messages(records: readonly MailRecord[]): Promise<MailboxMessage[]> {
    const outbox = await this.outbox();
    const out: MailboxMessage[] = [];
    for (const r of records) {
      const messageId = r.providerMessageId?.startsWith('file:') ? r.providerMessageId.slice(5) : null;
      const m = messageId ? outbox.get(messageId) : undefined;
      if (!m) continue;
      out.push({
        id: r.id,
        template: r.template,
        to: m.to,
        subject: m.subject,
        at: r.sentAt ?? (m.at ? new Date(m.at) : null),
        text: m.text,
        html: m.html,
        links: [...new Set(m.text.match(URL_IN_TEXT) ?? [])],
      });
    }
    return out;
  }
}
