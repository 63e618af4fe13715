import type { Actor } from '../../../context/src/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { ALERT_TEMPLATES } from '../../../alerts/src/index.js';
import { localised } from '../i18n/locales.js';
import type { Translate } from '../i18n/translator.js';
import { allows, type PageAccess } from './page.js';

/** Whether the tenant offers vacancy alerts (the alerts capability's own rule, for the menu). */
export function alertsOffered(def: TenantDefinition): boolean {
  const own = new Set(def.mail.templates.map((t) => t.key));
  return def.vacancyAlerts?.enabled ?? ALERT_TEMPLATES.every((k) => own.has(k));
}

export const connectionsOffered = (def: TenantDefinition) => !!def.visibility.connections?.enabled;

/** Whether any of the actor's roles may search this tenant's candidate bank. */
export function maySearch(def: TenantDefinition, roles: readonly string[]): boolean {
  return def.visibility.candidateBank.searchers.some((r) => roles.includes(r));
}

interface Entry {
  readonly path: string;
  readonly label: string;
  readonly access: PageAccess;
  readonly shown?: (def: TenantDefinition, actor: Actor) => boolean;
}

const ENTRIES: readonly Entry[] = [
  { path: '/', label: 'nav.home', access: 'public' },
  { path: '/vacancies', label: 'nav.vacancies', access: 'public' },
  { path: '/profile', label: 'nav.profile', access: ['jobseeker'] },
  { path: '/applications', label: 'nav.applications', access: ['jobseeker'] },
  { path: '/alerts', label: 'nav.alerts', access: 'public', shown: (d, a) => alertsOffered(d) && !a.roles.some((r) => r !== 'jobseeker') },
  { path: '/connections', label: 'nav.connections', access: ['jobseeker', 'employer'], shown: connectionsOffered },
  { path: '/my-data', label: 'nav.privacy', access: ['jobseeker'] },
  { path: '/manage/vacancies', label: 'nav.manage-vacancies', access: ['employer', 'staff', 'tenant-admin'] },
  { path: '/candidates', label: 'nav.candidates', access: ['employer', 'partner'], shown: (d, a) => maySearch(d, a.roles) },
  { path: '/people', label: 'nav.people', access: ['staff', 'tenant-admin'], shown: (d, a) => maySearch(d, a.roles) },
  { path: '/requests', label: 'nav.requests', access: ['staff', 'tenant-admin'] },
  { path: '/admin/templates', label: 'nav.templates', access: ['tenant-admin'] },
  { path: '/admin/audit', label: 'nav.audit', access: ['tenant-admin'] },
  { path: '/admin/policies', label: 'nav.policies', access: ['tenant-admin'], shown: (d) => d.settings.length > 0 },
];

export interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
}

/** Whether a tenant's page exists on the site served (its label, or the tenant's own site: null). */
export function onThisSite(page: { readonly labels?: readonly string[] }, brand: string | null): boolean {
  return !page.labels || (brand !== null && page.labels.includes(brand));
}

/** The menu for this visitor: the platform's pages their roles open, then the tenant's own. */
export function navigation(
  def: TenantDefinition,
  actor: Actor,
  base: string,
  path: string,
  t: Translate,
  locale: string,
  brand: string | null,
  /** The tenant's pages with a further rule (`permits`) that this visitor passes. */
  permitted: ReadonlySet<string> = new Set(),
): NavItem[] {
  const items: NavItem[] = [];
  const current = (href: string) => (href === base + '/' ? path === href || path === base : path === href || path.startsWith(`${href}/`));
  for (const e of ENTRIES) {
    if (!allows(e.access, actor) || (e.shown && !e.shown(def, actor))) continue;
    const href = base + e.path;
    items.push({ href, label: t(e.label), current: current(href) });
  }
  for (const p of def.portal?.pages ?? []) {
    if (!p.nav || !allows(p.access, actor) || !onThisSite(p, brand) || (p.permits && !permitted.has(p.key))) continue;
    const href = `${base}/x/${p.key}`;
    items.push({ href, label: localised(p.title, locale, def), current: current(href) });
  }
  return items;
}
