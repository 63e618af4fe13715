import request from 'supertest';
import type { TestApp } from '../../../../../test/support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** An attribute value as the browser reads it (Handlebars escapes &, <, >, ", ', `, =). */
export function decodeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The value of the first hidden CSRF field of a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return decodeHtml(m[1]);
}

/**
 * A browser without JavaScript, over HTTP: a cookie jar, forms posted as
 * application/x-www-form-urlencoded with the CSRF token of the page they came from, redirects
 * followed by hand so tests see each answer.
 */
export class PortalClient {
  readonly agent: Agent;

  constructor(
    readonly t: TestApp,
    readonly tenantKey: string,
    readonly host?: string,
  ) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  /** A page of this tenant (`/profile`), or any path of the site as it is (`/t/...`, `~/verify-email?...`). */
  path(p: string): string {
    if (p.startsWith('~')) return p.slice(1);
    return p.startsWith('/t/') ? p : `/t/${this.tenantKey}${p}`;
  }

  get(p: string, headers: Record<string, string> = {}) {
    let req = this.agent.get(this.path(p)).set('accept', 'text/html');
    if (this.host) req = req.set('host', this.host);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  }

  /** Posts a form the way a browser does after showing `from` (default: the target page itself). */
  async post(p: string, form: Record<string, string>, opts: { from?: string; csrf?: string | null } = {}) {
    let token = opts.csrf;
    if (token === undefined) token = csrfOf((await this.get(opts.from ?? p)).text);
    let req = this.agent.post(this.path(p)).type('form').set('accept', 'text/html');
    if (this.host) req = req.set('host', this.host);
    return req.send(new URLSearchParams({ ...(token === null ? {} : { _csrf: token }), ...form }).toString());
  }

  /** Follows a 303 and returns the page it leads to. */
  async follow(res: { status: number; headers: Record<string, string> }) {
    if (res.status !== 303 && res.status !== 302) throw new Error(`expected a redirect, got ${res.status}`);
    return this.get(res.headers.location);
  }

  async signIn(email: string, password: string) {
    const res = await this.post('/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.text.slice(0, 500)}`);
    return res;
  }
}
