import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ROLES } from './roles.js';
import type { TenantDefinition } from './tenant-definition.js';

const PAGE_KEY = /^[a-z][a-z0-9-]{0,40}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/** Problems with a tenant's portal declaration: languages, labels, the statement and its own pages. */
export function portalProblems(def: TenantDefinition): string[] {
  const p = def.portal;
  if (!p) return [];
  const out: string[] = [];
  for (const l of p.locales ?? []) if (!LOCALE.test(l)) out.push(`portal: locale "${l}" is not a language code`);
  if (p.locales && !p.locales.includes(def.defaultLocale))
    out.push(`portal.locales must include the default locale "${def.defaultLocale}"`);
  for (const label of p.labels ?? []) {
    if (!def.mail?.brands?.[label.brand]) out.push(`portal label "${label.brand}": no mail brand of that name`);
    for (const d of def.domains ?? [])
      if (label.domains.includes(d)) out.push(`portal label "${label.brand}": domain ${d} is also a tenant domain`);
  }
  const a = p.accessibility;
  if (a) {
    if (!a.organisation?.trim()) out.push('portal.accessibility.organisation is required');
    if (!DATE.test(a.statementDate ?? '')) out.push('portal.accessibility.statementDate must be a date (YYYY-MM-DD)');
    if (!/^[^\s@]+@[^\s@]+$/.test(a.contact?.email ?? '')) out.push('portal.accessibility.contact.email must be an e-mail address');
  }
  const pages = p.pages ?? [];
  if (pages.length && (!p.viewsDir || !isAbsolute(p.viewsDir))) out.push('portal.viewsDir must be an absolute path when pages are declared');
  const keys = pages.map((x) => x.key);
  for (const k of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) out.push(`portal page "${k}" declared twice`);
  for (const page of pages) {
    const at = `portal page "${page.key}"`;
    if (!PAGE_KEY.test(page.key)) out.push(`${at}: key must be a lower-case slug`);
    if (Array.isArray(page.access)) {
      if (!page.access.length) out.push(`${at}: access lists no role`);
      for (const r of page.access) if (!ROLES.includes(r)) out.push(`${at}: unknown role "${r}"`);
    } else if (page.access !== 'public' && page.access !== 'signed-in') out.push(`${at}: access must be public, signed-in or a list of roles`);
    const labelKeys = new Set([...(def.labels ?? []).map((l) => l.key), ...(p.labels ?? []).map((l) => l.brand)]);
    for (const l of page.labels ?? []) if (!labelKeys.has(l)) out.push(`${at}: "${l}" is not a label of the tenant`);
    if (page.labels && !page.labels.length) out.push(`${at}: labels lists no label (leave it out for every site)`);
    if (page.rateLimit !== undefined && page.rateLimit !== 'registration') out.push(`${at}: rateLimit must be registration`);
    if (page.upload) {
      if (!/^[A-Za-z][A-Za-z0-9_-]{0,40}$/.test(page.upload.field ?? '')) out.push(`${at}: upload.field must be a form field name`);
      if (!Number.isInteger(page.upload.maxBytes) || page.upload.maxBytes < 1 || page.upload.maxBytes > 20 * 1024 * 1024)
        out.push(`${at}: upload.maxBytes must be a whole number of bytes from 1 to 20 MB`);
      if (page.upload.kind !== 'text' && page.upload.kind !== 'document') out.push(`${at}: upload.kind must be text or document`);
      if (page.upload.kind === 'document' && (!Array.isArray(page.upload.accept) || !page.upload.accept.length || page.upload.accept.some((t) => !MEDIA_TYPE.test(t))))
        out.push(`${at}: upload.accept must list the accepted content types of a document (application/pdf)`);
      if (page.upload.kind === 'text' && page.upload.accept !== undefined) out.push(`${at}: upload.accept is for kind document only`);
      if (!page.actions || !Object.keys(page.actions).length) out.push(`${at}: an upload needs an action to receive it`);
    }
    if (page.download !== undefined && typeof page.download !== 'function') out.push(`${at}: download must be a function`);
    if (page.permits !== undefined) {
      if (typeof page.permits !== 'function') out.push(`${at}: permits must be a function`);
      // Anonymous visitors are sent to sign in before any rule of the tenant is asked.
      if (page.access === 'public') out.push(`${at}: permits needs an access rule that asks for an account (signed-in or roles)`);
    }
    for (const [field, key] of Object.entries(page.fieldLabels ?? {}))
      if (!Object.values(p.texts ?? {}).some((texts) => key in texts)) out.push(`${at}: the label of field "${field}" is no message key of portal.texts ("${key}")`);
    if (p.viewsDir && isAbsolute(p.viewsDir) && !existsSync(join(p.viewsDir, page.view)))
      out.push(`${at}: view ${page.view} is missing in ${p.viewsDir}`);
  }
  if (p.applyPage !== undefined) {
    const page = pages.find((x) => x.key === p.applyPage);
    if (!page) out.push(`portal.applyPage "${p.applyPage}" is not one of the portal's pages`);
    // Everyone who sees a vacancy is sent there, so it must open for them (it asks for an account itself if it needs one).
    else if (page.access !== 'public') out.push(`portal.applyPage "${p.applyPage}" must be a public page: every visitor of a vacancy is sent there`);
  }
  return out;
}
