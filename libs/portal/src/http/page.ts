import type { Readable } from 'node:stream';
import { NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../config/src/index.js';
import type { Actor, TenantRef } from '../../../context/src/index.js';
import type { Role, TenantDefinition } from '../../../plugin-api/src/index.js';
import type { PortalBranding } from '../branding/branding.js';
import type { Translate } from '../i18n/translator.js';
import type { PortalServices } from '../portal-services.js';

/** Who may open a page: anyone, any signed-in account, or accounts holding one of these roles. */
export type PageAccess = 'public' | 'signed-in' | readonly Role[];

/** The limits of the API's own rate-limited routes, by the same group names (issue 9). */
export type RateLimitGroup = 'sign-in' | 'password-reset' | 'registration';

export type PageResult =
  | { readonly kind: 'view'; readonly view: string; readonly title: string; readonly data: Record<string, unknown>; readonly status: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | {
      readonly kind: 'raw';
      readonly status: number;
      readonly type: string;
      readonly body: string;
      /** A rendered mail for a sandboxed frame (template preview, mailbox): the mail policy, not the page's. */
      readonly framedMail?: boolean;
    }
  /** A download streamed to the browser (the person's export archive), never cached. */
  | { readonly kind: 'file'; readonly type: string; readonly disposition: string; readonly stream: Readable };

export interface PageRoute {
  readonly method: 'GET' | 'POST';
  /** Under /t/:tenant, starting with a slash. */
  readonly path: string;
  readonly access: PageAccess;
  readonly handler: (ctx: PageContext) => Promise<PageResult>;
  /**
   * A further rule of the tenant on top of the roles (who may search its candidate bank, say):
   * a signed-in account it does not permit gets 403, as from the API.
   */
  readonly permits?: (def: TenantDefinition, actor: Actor) => boolean;
  /** Whether this tenant offers the page at all; without it every tenant does. Others get 404. */
  readonly offered?: (def: TenantDefinition, config: AppConfig) => boolean;
  readonly rateLimit?: RateLimitGroup;
  /** The group of a route whose limit depends on what it serves (a tenant's page declares its own). */
  readonly rateLimitOf?: (ctx: PageContext) => RateLimitGroup | undefined;
  /**
   * A file upload: the body is multipart and not parsed before the handler, so the CSRF token
   * travels in the query string (`?_csrf=`) and is checked there.
   */
  readonly multipart?: boolean;
}

/** Everything a page handler needs about its request, resolved once by the plugin. */
export interface PageContext {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly tenant: TenantRef;
  readonly def: TenantDefinition;
  readonly config: AppConfig;
  readonly services: PortalServices;
  readonly locale: string;
  readonly t: Translate;
  readonly actor: Actor;
  readonly branding: PortalBranding;
  /** `/t/<tenant>`: every link of the tenant's pages starts with it. */
  readonly base: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  /** The posted form's fields, each as given (a repeated field keeps its last value). */
  readonly form: Readonly<Record<string, string>>;
  /** A CSRF token for the forms of this page, bound to the page session. */
  csrf(): string;
  render(view: string, title: string, data?: Record<string, unknown>, status?: number): PageResult;
  /** 303 See Other to a path of this tenant's pages, with an optional notice (a message key) to show there. */
  redirect(path: string, notice?: string): PageResult;
}

export const view = (view: string, title: string, data: Record<string, unknown> = {}, status = 200): PageResult => ({
  kind: 'view',
  view,
  title,
  data,
  status,
});

/** Whether an actor satisfies an access rule. */
export function allows(access: PageAccess, actor: Actor): boolean {
  if (access === 'public') return true;
  if (actor.kind !== 'account' || !actor.accountId) return false;
  if (access === 'signed-in') return true;
  return access.some((r) => actor.roles.includes(r));
}

/** A query parameter given once, or undefined. */
export function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that must be a UUID; anything else is a page that does not exist. */
/** A profile's public handle, or (for its staff and the person) its internal id; anything else is no page. */
export function profileRefParam(ctx: Pick<PageContext, 'params'>, name: string): string {
  const value = ctx.params[name] ?? '';
  if (UUID.test(value)) return value.toLowerCase();
  if (/^[A-Za-z0-9_-]{22}$/.test(value)) return value;
  throw new NotFoundException('No such page');
}

export function uuidParam(ctx: Pick<PageContext, 'params'>, name: string): string {
  const value = ctx.params[name] ?? '';
  if (!UUID.test(value)) throw new NotFoundException('No such page');
  return value.toLowerCase();
}
