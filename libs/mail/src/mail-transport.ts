import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

/** A fully rendered message, ready for the wire. */
export interface OutgoingMessage {
  readonly from: { readonly name: string; readonly address: string };
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Our Message-ID, derived from the outbox row: bounces find their way back through it. */
  readonly messageId: string;
  readonly date: Date;
  readonly headers: Readonly<Record<string, string>>;
}

export interface SendOutcome {
  /** What the server said it queued the message as, when it said so. */
  readonly providerMessageId: string | null;
}

/**
 * How a failed send is to be treated. `temporary`: certainly not delivered, try again later.
 * `permanent`: refused for good. `unknown`: the message may have gone out (the connection broke
 * after the content was handed over), so it must not be sent again.
 */
export type FailureKind = 'temporary' | 'permanent' | 'unknown';

export class DeliveryError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** A short code, never the server's full text (which may quote the address). */
    readonly code: string,
    readonly responseCode: number | null,
    readonly enhancedStatus: string | null,
    readonly recipientRejected: boolean,
  ) {
    super(`mail delivery failed (${kind}): ${code}`);
    this.name = 'DeliveryError';
  }

  /** The address does not exist: the RFC 3463 "bad mailbox / bad destination" family. */
  get isHardBounce(): boolean {
    if (!this.recipientRejected || this.kind !== 'permanent') return false;
    if (this.enhancedStatus) return /^5\.1\.\d+$/.test(this.enhancedStatus);
    return this.responseCode === 550 || this.responseCode === 551 || this.responseCode === 553;
  }
}

export interface MailSession {
  /**
   * Sends one message. With `handedOver`, the conversation starts at once but the message is
   * completed (the end of DATA, the point from which a server can take it) only once the promise
   * resolves true: the caller's record that the mail was handed over commits meanwhile. False or a
   * rejection abandons the message, which then certainly did not go out (`ABANDONED`, temporary).
   */
  send(message: OutgoingMessage, handedOver?: Promise<boolean>): Promise<SendOutcome>;
  /** False once the line failed or the server closed it: the session must not be used again. */
  readonly usable: boolean;
  close(): Promise<void>;
}

/** The caller withdrew the message before its end of DATA: nothing was delivered. */
export const ABANDONED = 'ABANDONED before the end of DATA';

function abandoned(): DeliveryError {
  return new DeliveryError('temporary', ABANDONED, null, null, false);
}

/** Sessions for a batch: opened by the worker, used for a tenant's claimed mails, closed. */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** How many sessions may send at once. */
  readonly concurrency: number;
  open(): Promise<MailSession>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

function compose(message: OutgoingMessage): Promise<Buffer> {
  return new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    date: message.date,
    headers: { ...message.headers },
  })
    .compile()
    .build();
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

function classify(err: unknown, afterConnect: boolean): DeliveryError {
  const e = (err ?? {}) as SmtpFailure;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const enhanced = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1] ?? null;
  const recipient = e.command === 'RCPT TO' || (e.code === 'EENVELOPE' && /recipient/i.test(String((err as Error)?.message)));
  const code = [e.code ?? 'ERROR', e.command, responseCode, enhanced].filter(Boolean).join(' ');
  // The server answered: its code is definitive (a 4xx or 5xx reply means it did not take the mail).
  if (responseCode !== null)
    return new DeliveryError(responseCode >= 500 ? 'permanent' : 'temporary', code, responseCode, enhanced, recipient);
  // Refused by the client library before a byte went out (the connection was already gone).
  if (e.command === 'API' && e.code !== 'ESTREAM') return new DeliveryError('temporary', code, null, null, false);
  // No answer while connecting: nothing was handed over. No answer during a send: it may have been.
  return new DeliveryError(afterConnect ? 'unknown' : 'temporary', code, null, null, false);
}

/**
 * SMTP through nodemailer's connection class rather than its transport, so the worker knows
 * whether a failure happened before the message was handed over (safe to retry) or after (not).
 */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly host: string;
  private readonly port: number;
  private readonly secure: boolean;
  private readonly auth: { user: string; pass: string } | null;

  constructor(
    url: string,
    readonly concurrency = 1,
    private readonly timeoutMs = 30_000,
  ) {
    const u = new URL(url);
    this.secure = u.protocol === 'smtps:';
    this.host = u.hostname;
    this.port = Number(u.port || (this.secure ? 465 : 587));
    this.auth = u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : null;
  }

  async open(): Promise<MailSession> {
    const connection = new SMTPConnection({
      host: this.host,
      port: this.port,
      secure: this.secure,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      // Development servers (Mailpit) speak plain SMTP; STARTTLS is used whenever a server offers it.
      opportunisticTLS: true,
    });
    let broken = false;
    // A server closes a connection it finds idle too long: a kept session must not be reused then.
    connection.on('error', () => (broken = true));
    connection.on('end', () => (broken = true));
    try {
      await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
      if (this.auth)
        await new Promise<void>((resolve, reject) =>
          connection.login(this.auth!, (err) => (err ? reject(err) : resolve())),
        );
    } catch (err) {
      connection.close();
      throw classify(err, false);
    }
    return {
      get usable() {
        return !broken;
      },
      send: async (message, handedOver = Promise.resolve(true)) => {
        if (broken) throw new DeliveryError('temporary', 'ECONNECTION previous failure', null, null, false);
        const raw = await compose(message);
        // Envelope and content go out while `handedOver` is pending; the end of DATA waits for it.
        const body = new PassThrough();
        body.on('error', () => undefined);
        body.write(raw);
        let completed = false;
        let withdrawn = false;
        void handedOver.then(
          (go) => {
            if (body.destroyed) return;
            if (!go) {
              withdrawn = true;
              return body.destroy(new Error(ABANDONED));
            }
            completed = true;
            body.end();
          },
          () => {
            withdrawn = true;
            body.destroy(new Error(ABANDONED));
          },
        );
        try {
          const info = await new Promise<{ response: string; serverMessageId?: string }>((resolve, reject) =>
            connection.send({ from: message.from.address, to: [message.to] }, body, (err, result) =>
              err ? reject(err) : resolve(result as { response: string; serverMessageId?: string }),
            ),
          );
          const queuedAs = /queued as ([^\s]+)/i.exec(info.response ?? '')?.[1] ?? null;
          return { providerMessageId: info.serverMessageId ?? queuedAs ?? null };
        } catch (err) {
          // After any failure the session state is uncertain: later mails of the batch wait for a new one.
          broken = true;
          if (withdrawn) throw abandoned();
          const failure = classify(err, true);
          // Without its end of DATA a server never takes a message: a broken line before that is certain.
          if (failure.kind === 'unknown' && !completed) throw new DeliveryError('temporary', failure.code, null, null, false);
          throw failure;
        }
      },
      close: async () => {
        if (!broken) await new Promise<void>((resolve) => { connection.once('end', () => resolve()); connection.quit(); setTimeout(resolve, 1000).unref(); });
        connection.close();
      },
    };
  }
}

/**
 * Development without SMTP_URL: each mail becomes one JSON line in a file, so nothing is dropped
 * silently and links (confirmation, reset) can be followed by hand. Refused in production by config.
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'file';
  // One writer: lines appended from several sessions at once could interleave.
  readonly concurrency = 1;
  constructor(private readonly dir: string) {}

  async open(): Promise<MailSession> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, 'outbox.jsonl');
    return {
      send: async (m, handedOver = Promise.resolve(true)) => {
        if (!(await handedOver.catch(() => false))) throw abandoned();
        await appendFile(file, `${JSON.stringify({ at: m.date, messageId: m.messageId, from: m.from, to: m.to, subject: m.subject, headers: m.headers, text: m.text, html: m.html })}\n`);
        return { providerMessageId: `file:${m.messageId}` };
      },
      usable: true,
      close: async () => undefined,
    };
  }
}
