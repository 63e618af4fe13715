import type { TenantDefinition } from './tenant-definition.js';

/**
 * A label: one of the tenant's brand sites over the tenant's one database (statement 003:
 * WinWinWerkt with Vacature Service MKB, 65plus Werkt, WerkWeb and Onbekend Talent). A request
 * served on one of its host names belongs to the label: mail sent while serving it carries the
 * label's mail brand (`mail.brands[key]`: its layout, colours and sender), and so do its pages.
 * People are the tenant's, not the label's: one person who uses two labels has one account.
 */
export interface LabelDeclaration {
  /** Stable slug; also the key of the label's mail brand in `mail.brands`. */
  readonly key: string;
  /** The label's name as people know it. */
  readonly name: string;
  /** Host names of the label's site (lower case, no port), each with its subdomains; none may be a tenant domain. */
  readonly domains: readonly string[];
}

const LABEL_KEY = /^[a-z][a-z0-9-]{0,39}$/;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A host header as compared with declared host names: lower case, without the port. */
export function normaliseHost(host: string | null | undefined): string {
  return (host ?? '').trim().toLowerCase().replace(/:\d+$/, '');
}

/**
 * The label whose site a request's host name is, or null for the tenant's own site. A label's
 * domain covers its subdomains too (`www.` and the like): `www.werkweb.nl` is WerkWeb's site.
 */
export function labelForHost(def: Pick<TenantDefinition, 'labels'>, host: string | null | undefined): LabelDeclaration | null {
  const name = normaliseHost(host);
  if (!name) return null;
  return def.labels?.find((l) => l.domains.some((d) => name === d || name.endsWith(`.${d}`))) ?? null;
}

/** Problems with a tenant's labels: keys, names, mail brands and host names. */
export function labelProblems(def: TenantDefinition): string[] {
  const out: string[] = [];
  const labels = def.labels ?? [];
  const seenKeys = new Set<string>();
  const seenHosts = new Map<string, string>();
  for (const l of labels) {
    const at = `label "${l.key}"`;
    if (!LABEL_KEY.test(l.key ?? '')) out.push(`${at}: key must be a lower-case slug`);
    if (seenKeys.has(l.key)) out.push(`${at}: declared twice`);
    seenKeys.add(l.key);
    if (!l.name?.trim()) out.push(`${at}: name is required`);
    if (!def.mail?.brands?.[l.key]) out.push(`${at}: no mail brand "${l.key}" in mail.brands (a label's mail carries its own look and sender)`);
    if (!l.domains?.length) out.push(`${at}: needs at least one host name`);
    for (const d of l.domains ?? []) {
      if (!HOST.test(d)) out.push(`${at}: "${d}" is not a lower-case host name without port`);
      if (def.domains?.includes(d)) out.push(`${at}: ${d} is also a tenant domain`);
      const other = seenHosts.get(d);
      if (other !== undefined && other !== l.key) out.push(`${at}: ${d} is also a host name of label "${other}"`);
      seenHosts.set(d, l.key);
    }
  }
  return out;
}
