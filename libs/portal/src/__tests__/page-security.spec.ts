import type { TenantRef } from '../../../context/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal, employerWithVacancy } from './support/portal-fixtures.js';

/** Every element that may run or style inline must carry the answer's nonce; nothing else may. */
function policyProblems(html: string, policy: string): string[] {
  const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)?.[1];
  const out: string[] = [];
  if (!nonce) return ['no nonce in the policy'];
  if (!/script-src 'nonce-/.test(policy)) out.push('scripts are not limited to the nonce');
  if (!/frame-ancestors 'none'/.test(policy)) out.push('the page may be framed');
  if (/unsafe-inline|unsafe-eval/.test(policy)) out.push('the policy allows inline code by keyword');
  for (const tag of html.match(/<(script|style)\b[^>]*>/gi) ?? [])
    if (!tag.includes(`nonce="${nonce}"`)) out.push(`${tag} has no nonce of this answer`);
  if (/\son[a-z]+\s*=/i.test(html)) out.push('an inline event handler');
  if (/\sstyle\s*=/i.test(html)) out.push('a style attribute');
  if (/javascript:/i.test(html)) out.push('a javascript: URL');
  return out;
}

describe('every page carries a content security policy with a fresh nonce, and nothing inline without it', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let vacancyId: string;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    ({ vacancyId } = await employerWithVacancy(t, tenant));
  });
  afterAll(() => t?.close());

  it('public, jobseeker and administrator pages alike', async () => {
    const anonymous = new PortalClient(t, tenant.key);
    const admin = new PortalClient(t, tenant.key);
    const account = await t.createAccount(tenant, ['tenant-admin', 'staff']);
    await admin.signIn(account.email, TEST_PASSWORD);
    const pages: [PortalClient, string][] = [
      [anonymous, '/'],
      [anonymous, '/vacancies'],
      [anonymous, `/vacancies/${vacancyId}`],
      [anonymous, '/register'],
      [anonymous, '/sign-in'],
      [anonymous, '/accessibility'],
      [anonymous, '/privacy'],
      [anonymous, '/cookies'],
      [anonymous, '/alerts'],
      [anonymous, '/dev/mailbox'],
      [anonymous, '/does-not-exist'],
      [admin, '/people'],
      [admin, '/admin/templates'],
      [admin, '/admin/templates/verify-email?locale=nl'],
      [admin, '/admin/audit'],
    ];
    const problems: string[] = [];
    const nonces = new Set<string>();
    for (const [client, path] of pages) {
      const res = await client.get(path);
      const policy = String(res.headers['content-security-policy'] ?? '');
      for (const p of policyProblems(res.text, policy)) problems.push(`${path}: ${p}`);
      nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? '');
      if (res.headers['x-frame-options'] !== 'DENY') problems.push(`${path}: x-frame-options ${res.headers['x-frame-options']}`);
    }
    expect(problems).toEqual([]);
    expect(nonces.size).toBe(pages.length);
  });

  it('a rendered mail shown in a page is sandboxed: no script, framed only by the portal itself', async () => {
    const admin = new PortalClient(t, tenant.key);
    const account = await t.createAccount(tenant, ['tenant-admin']);
    await admin.signIn(account.email, TEST_PASSWORD);
    const res = await admin.get('/admin/templates/verify-email/html?locale=nl');
    expect(res.status).toBe(200);
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toContain('sandbox');
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).not.toContain('script-src');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('the stylesheet is one file named by its content, cached for good, and needs no tenant', async () => {
    const home = await new PortalClient(t, tenant.key).get('/');
    const href = /<link rel="stylesheet" href="(\/assets\/portal\.[0-9a-f]+\.css)">/.exec(home.text)![1];
    const css = await new PortalClient(t, tenant.key).get(`~${href}`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.text).toContain('@license EUPL-1.2');
  });
});

describe('the site root', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await bootPortal());
  });
  afterAll(() => t?.close());

  it('lists the tenants to choose from on a shared host name (localhost) in development', async () => {
    const tenant = await t.createTenant('kandidatenbank');
    const res = await new PortalClient(t, tenant.key).get('~/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>');
    expect(res.text).toContain(`href="/t/${tenant.key}/"`);
  });
});
