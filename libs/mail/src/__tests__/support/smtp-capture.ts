import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

type Reply = { code: number; message: string } | null;

function smtpError(reply: { code: number; message: string }): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/** A real SMTP server in the test process: records what it is sent, answers as told. */
export class SmtpCapture {
  readonly received: CapturedMail[] = [];
  /** Answer for RCPT TO (e.g. 550 "5.1.1 user unknown"); null accepts. */
  rcpt: (address: string) => Reply = () => null;
  /** Answer at the end of DATA (e.g. 451 "try again later"); null accepts. */
  data: (mail: CapturedMail) => Reply = () => null;
  /** True to take the message and then drop the line before answering (a crash on either side). */
  dropAfterData: (mail: CapturedMail) => boolean = () => false;
  /**
   * Runs when a message has arrived in full, before the server takes it and answers: a slow server
   * (a delay), or the moment to kill a client mid-conversation. A message that arrived in full is
   * taken even if its client is gone by then, as real servers do.
   */
  beforeAnswer: (mail: CapturedMail) => Promise<void> | void = () => undefined;
  /** SMTP connections clients have opened. */
  connections = 0;
  private counter = 0;

  private constructor(private readonly server: SMTPServer, readonly url: string) {}

  static async start(): Promise<SmtpCapture> {
    const ref: { capture?: SmtpCapture } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect(_session, callback) {
        ref.capture!.connections++;
        callback();
      },
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        const reply = ref.capture!.rcpt(address.address);
        callback(reply ? smtpError(reply) : undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        // The client went away mid-message: nothing arrived in full, nothing is taken.
        stream.on('error', () => undefined);
        stream.on('end', async () => {
          const mail: CapturedMail = {
            from: (session.envelope.mailFrom as SMTPServerAddress).address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          };
          await ref.capture!.beforeAnswer(mail);
          const reply = ref.capture!.data(mail);
          if (reply) return callback(smtpError(reply));
          ref.capture!.received.push(mail);
          if (ref.capture!.dropAfterData(mail)) {
            const connections = (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections;
            for (const c of connections) if (c.id === session.id) c._socket.destroy();
            return;
          }
          callback(null, `Message queued as TEST${++ref.capture!.counter}`);
        });
      },
    });
    // A client that vanishes (a killed worker) resets its connection: that is the client's story, not the server's.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    ref.capture = new SmtpCapture(server, `smtp://127.0.0.1:${port}`);
    return ref.capture;
  }

  /** Hangs up on every client, as a server does with connections it finds idle too long. */
  async hangUpIdle(): Promise<void> {
    const open = (this.server as unknown as { connections: Set<{ _socket: { end(): void } }> }).connections;
    for (const c of open) c._socket.end();
    await new Promise((r) => setTimeout(r, 50));
  }

  to(address: string): CapturedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A header's value from raw MIME (folded lines joined). */
export function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : null;
}

/**
 * A header as a mail client shows it: RFC 2047 encoded words (`=?UTF-8?Q?...?=`, which nodemailer
 * uses for quotes and non-ASCII text) decoded, the space between two adjacent ones dropped.
 */
export function decodedHeader(raw: string, name: string): string | null {
  const value = header(raw, name);
  return value === null
    ? null
    : value
        .replace(/(\?=)\s+(?==\?)/g, '$1')
        .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, charset: string, encoding: string, text: string) => {
          const bytes =
            encoding.toUpperCase() === 'B'
              ? Buffer.from(text, 'base64')
              : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
          return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1');
        });
}

/** HTML as a browser reads it: Handlebars escapes `=` in URLs as &#x3D;, which is still `=`. */
export function decodeHtml(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** A MIME part's decoded body, by content type (quoted-printable, base64 or plain). */
export function part(raw: string, contentType: 'text/plain' | 'text/html'): string | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const sections = boundary ? raw.split(`--${boundary}`) : [raw];
  for (const section of sections) {
    const split = section.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = section.slice(0, split);
    if (!new RegExp(`Content-Type:\\s*${contentType}`, 'i').test(headers)) continue;
    const body = section.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    if (/Content-Transfer-Encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(headers))
      return Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    return body;
  }
  return null;
}
