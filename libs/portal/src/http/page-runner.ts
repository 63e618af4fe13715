import { HttpException, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ANONYMOUS, RequestContext, type Actor } from '../../../context/src/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { AccountsService } from '../../../auth/src/index.js';
import { ValidationProblem } from '../../../http/src/index.js';
import { brandingFor, themeCss } from '../branding/branding.js';
import { direction, languageName, pageLocales } from '../i18n/locales.js';
import { translateReason, translator } from '../i18n/translator.js';
import { PageSessions } from '../session/page-session.js';
import { PortalCookies } from '../session/cookies.js';
import { permittedMenuPages } from '../pages/tenant-page-context.js';
import { pageLocale } from './locale.js';
import { navigation } from './navigation.js';
import { allows, one, type PageContext, type PageResult, type PageRoute } from './page.js';
import type { PortalDeps } from './portal-plugin.js';
import { rateLimitsFor, windowSeconds } from './rate-limits.js';

const NONCE = new WeakMap<FastifyRequest, string>();
const CONTEXT = new WeakMap<FastifyRequest, PageContext>();
const MULTIPART = new WeakSet<FastifyRequest>();
const FRAMED_MAIL = new WeakSet<FastifyRequest>();

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** A path of this tenant's pages to return to after signing in; anything else goes home. */
export function safeNext(base: string, next: string | undefined): string {
  if (!next || !next.startsWith(`${base}/`) || next.startsWith('//') || /[\\\r\n]/.test(next)) return `${base}/`;
  return next;
}

/**
 * What every page request goes through, in order: the tenant's definition, the page session (the
 * API's session), the language and branding, whether the tenant offers the page, the access rule,
 * CSRF on posts, the rate limit, and then the page's handler, whose result is rendered inside the
 * layout or followed as a redirect.
 */
export class PageRunner {
  private readonly logger = new Logger('portal');
  private readonly sessions: PageSessions;
  private readonly limiters = new Map<string, { client: Limiter; address: Limiter }>();

  constructor(
    private readonly scope: FastifyInstance,
    private readonly deps: PortalDeps,
    readonly stylesheet: string,
  ) {
    this.sessions = new PageSessions(deps.gateway);
    for (const [group, l] of Object.entries(rateLimitsFor(deps.config)))
      this.limiters.set(group, {
        client: scope.createRateLimit({ max: l.perClient, timeWindow: windowSeconds(deps.config) * 1000 }),
        address: scope.createRateLimit({
          max: l.perAddress,
          timeWindow: windowSeconds(deps.config) * 1000,
          keyGenerator: (req) => `${RequestContext.tenantOrNull()?.id}\n${String((req.body as { email?: string } | null)?.email ?? '').trim().toLowerCase()}`,
        }),
      });
  }

  static setNonce(req: FastifyRequest, nonce: string): void {
    NONCE.set(req, nonce);
  }

  static nonceOf(req: FastifyRequest): string {
    return NONCE.get(req) ?? '';
  }

  static userInfo(req: FastifyRequest): string {
    const ctx = CONTEXT.get(req);
    return ctx ? `${ctx.tenant.id}:${ctx.actor.sessionId ?? ''}` : '';
  }

  static csrfTokenOf(req: FastifyRequest): string | undefined {
    if (MULTIPART.has(req)) return one((req.query as Record<string, string | string[] | undefined>)?._csrf);
    return (req.body as Record<string, string> | undefined)?._csrf;
  }

  /** Whether this answer is a rendered mail for a sandboxed frame (its own policy, not the page's). */
  static framedMail(req: FastifyRequest): boolean {
    return FRAMED_MAIL.has(req);
  }

  static contextOf(req: FastifyRequest): PageContext | undefined {
    return CONTEXT.get(req);
  }

  private get csrfProtection(): (req: FastifyRequest, reply: FastifyReply, next: () => void) => void {
    return (this.scope as unknown as { csrfProtection: (req: FastifyRequest, reply: FastifyReply, next: () => void) => void }).csrfProtection;
  }

  sessionsFor(): PageSessions {
    return this.sessions;
  }

  async run(route: PageRoute, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const ctx = await this.context(req, reply);
    if (!ctx) return this.notFound(req, reply);
    if (route.offered && !route.offered(ctx.def, this.deps.config)) return this.notFound(req, reply);
    if (!allows(route.access, ctx.actor) || (route.permits && !route.permits(ctx.def, ctx.actor))) {
      if (ctx.actor.kind === 'account') return this.renderError(ctx, 403, 'errors.forbidden');
      const next = req.method === 'GET' ? req.url : `${ctx.base}/`;
      return this.send(ctx, ctx.redirect(`/sign-in?next=${encodeURIComponent(next)}`));
    }
    if (req.method === 'POST') {
      if (route.multipart) MULTIPART.add(req);
      // The plugin's check is synchronous: it calls `next` when the token is good, and otherwise
      // answers itself with an error that the error handler turns into the "form expired" page.
      let passed = false;
      this.csrfProtection(req, reply, () => (passed = true));
      if (!passed) return reply;
    }
    const group = route.rateLimit ?? route.rateLimitOf?.(ctx);
    if (group && (await this.limited(group, req))) return this.renderError(ctx, 429, 'errors.rate-limited');
    this.countVisit(ctx);
    const result = await route.handler(ctx);
    return this.send(ctx, result);
  }

  private async limited(group: string, req: FastifyRequest): Promise<boolean> {
    const limiter = this.limiters.get(group)!;
    const byClient = await limiter.client(req);
    if (!byClient.isAllowed && byClient.isExceeded) return true;
    const email = (req.body as { email?: unknown } | null)?.email;
    if (typeof email !== 'string' || !email.trim()) return false;
    const byAddress = await limiter.address(req);
    return !byAddress.isAllowed && byAddress.isExceeded;
  }

  /** Statistics only with the visitor's consent: a pseudonymous visitor id and the page, in the log. */
  private countVisit(ctx: PageContext): void {
    const cookies = new PortalCookies(this.deps.config.isProduction, ctx.tenant.key);
    const visitor = cookies.read(ctx.req, 'stats');
    if (!visitor || !(cookies.read(ctx.req, 'choice') ?? '').startsWith('statistics')) return;
    this.logger.log({ event: 'page-view', tenant: ctx.tenant.key, visitor, page: ctx.req.routeOptions.url });
  }

  /** The request's page context, or null when the tenant runs no definition (the platform tenant). */
  async context(req: FastifyRequest, reply: FastifyReply): Promise<PageContext | null> {
    const existing = CONTEXT.get(req);
    if (existing) return existing;
    const tenant = RequestContext.tenantOrNull();
    if (!tenant || !this.deps.registry.has(tenant.plugin)) return null;
    const def = this.deps.registry.for(tenant);
    const cookies = new PortalCookies(this.deps.config.isProduction, tenant.key);
    const { actor, ended } = await this.sessions.resume(req, reply, cookies);
    RequestContext.setActor(actor);
    const locale = pageLocale(req, def, cookies);
    const base = `/t/${tenant.key}`;
    const t = translator(def, locale);
    const query = (req.query ?? {}) as Record<string, string | string[] | undefined>;
    const body = req.body;
    const form = body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as Record<string, string>) : {};
    let csrf: string | null = null;
    const ctx: PageContext = {
      req,
      reply,
      tenant,
      def,
      config: this.deps.config,
      services: this.deps.services,
      locale,
      t,
      actor,
      branding: brandingFor(def, req.hostname),
      base,
      params: (req.params ?? {}) as Record<string, string>,
      query,
      form,
      csrf() {
        csrf ??= reply.generateCsrf({ userInfo: PageRunner.userInfo(req) });
        return csrf;
      },
      render(view, title, data = {}, status = 200) {
        return { kind: 'view', view, title, data, status };
      },
      redirect(path, notice) {
        const location = path.startsWith(base) ? path : `${base}${path}`;
        if (!notice) return { kind: 'redirect', location };
        return { kind: 'redirect', location: `${location}${location.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}` };
      },
    };
    CONTEXT.set(req, ctx);
    if (ended && !query.notice) (query as Record<string, string>).notice = 'session-ended';
    return ctx;
  }

  async send(ctx: PageContext, result: PageResult): Promise<unknown> {
    const reply = ctx.reply;
    if (result.kind === 'redirect') return reply.code(303).header('location', result.location).send();
    if (result.kind === 'file')
      return reply.code(200).type(result.type).header('content-disposition', result.disposition).header('cache-control', 'no-store').send(result.stream);
    if (result.kind === 'raw') {
      if (result.framedMail) FRAMED_MAIL.add(ctx.req);
      return reply.code(result.status).type(result.type).send(result.body);
    }
    const html = await reply.viewAsync(result.view, await this.layout(ctx, result.title, result.data), { layout: 'layouts/main.hbs' });
    return reply.code(result.status).type('text/html; charset=utf-8').send(html);
  }

  /** What the layout shows around every page: brand, menu, languages, session, footer. */
  private async layout(ctx: PageContext, title: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { def, locale, t, base, actor } = ctx;
    const path = ctx.req.url.split('?')[0];
    const notice = one(ctx.query.notice);
    // A notice is a message key of the portal's or the tenant's texts, never text from the URL.
    const noticeKey = notice && /^[a-z0-9-]{1,60}$/.test(notice) && t(`notice.${notice}`) !== `notice.${notice}` ? `notice.${notice}` : null;
    const cookies = new PortalCookies(this.deps.config.isProduction, ctx.tenant.key);
    const account = actor.accountId ? await this.deps.services.get(AccountsService).findById(actor.accountId) : null;
    const back = ctx.req.method === 'GET' ? ctx.req.url : `${base}/`;
    return {
      ...data,
      _t: t,
      locale,
      lang: locale,
      dir: direction(locale),
      title,
      siteName: ctx.branding.name,
      nonce: PageRunner.nonceOf(ctx.req),
      stylesheet: this.stylesheet,
      theme: themeCss(ctx.branding),
      logoUrl: ctx.branding.logoUrl,
      base,
      nav: navigation(def, actor, base, path, t, locale, ctx.branding.brand, await permittedMenuPages(ctx)),
      user: account ? { name: account.displayName } : null,
      signedIn: actor.kind === 'account',
      csrf: ctx.csrf(),
      back,
      languages: pageLocales(def).map((code) => ({ code, name: languageName(code), current: code === locale, dir: direction(code) })),
      notice: noticeKey ? t(noticeKey) : null,
      statistics: (cookies.read(ctx.req, 'choice') ?? '').startsWith('statistics'),
      mailbox: this.deps.mailbox !== null,
    };
  }

  /** A page for an error, in the visitor's language and the tenant's layout when there is a tenant. */
  async renderError(ctx: PageContext, status: number, key: string, values?: Record<string, string>): Promise<unknown> {
    return this.send(ctx, { kind: 'view', view: 'pages/error', title: ctx.t('errors.title'), status, data: { message: ctx.t(key, values) } });
  }

  async notFound(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const ctx = await this.context(req, reply).catch(() => null);
    if (ctx) return this.renderError(ctx, 404, 'errors.not-found');
    return reply.code(404).type('text/html; charset=utf-8').send(this.bare(404, translator(null, 'en')('errors.not-found')));
  }

  /** Errors no page handled: the API's exceptions become the matching page, anything else a 500. */
  async failed(err: unknown, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const status = err instanceof HttpException ? err.getStatus() : ((err as { statusCode?: number }).statusCode ?? 500);
    const code = (err as { code?: string }).code ?? '';
    const ctx = CONTEXT.get(req) ?? (await this.context(req, reply).catch(() => null));
    if (status >= 500) this.logger.error({ err, requestId: req.id }, 'portal page failed');
    if (!ctx) return reply.code(status >= 400 ? status : 500).type('text/html; charset=utf-8').send(this.bare(status, 'Error'));
    if (code.startsWith('FST_CSRF')) return this.renderError(ctx, 403, 'errors.csrf');
    if (status === 401) return this.send(ctx, ctx.redirect(`/sign-in?next=${encodeURIComponent(req.method === 'GET' ? req.url : `${ctx.base}/`)}`));
    if (status === 403) return this.renderError(ctx, 403, 'errors.forbidden');
    if (status === 404) return this.renderError(ctx, 404, 'errors.not-found');
    if (status === 429) return this.renderError(ctx, 429, 'errors.rate-limited');
    if (status >= 400 && status < 500) {
      const detail =
        err instanceof ValidationProblem
          ? err.errors.map((e) => `${e.field} ${translateReason(e.reason, ctx.locale)}`).join('; ')
          : err instanceof HttpException
            ? String((err.getResponse() as { message?: unknown })?.message ?? err.message)
            : 'Bad request';
      return this.renderError(ctx, status, 'errors.conflict', { detail });
    }
    return this.renderError(ctx, 500, 'errors.server');
  }

  private bare(status: number, message: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><main><h1>${status}</h1><p>${message}</p></main></body></html>`;
  }

  /** A random id for a visitor who allowed statistics; never linked to an account. */
  static visitorId(): string {
    return randomBytes(12).toString('base64url');
  }

  static anonymous(): Actor {
    return ANONYMOUS;
  }
}

export type { TenantDefinition };
