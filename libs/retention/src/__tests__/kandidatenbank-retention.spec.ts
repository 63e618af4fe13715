import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { auditOf, mailsTo, pathOf, profileOf, sql, sweep } from './support/retention-kit.js';

/**
 * Statement 001: "Uw kandidaatprofiel is na activering een jaar zichtbaar in de kandidatenbank. Na
 * afloop van dit jaar ontvangt u een email waarin wordt gevraagd om uw profiel te actualiseren.
 * Mocht u in de email gestelde periode niet reageren (klikken op activatielink) dan wordt uw
 * profiel geïnactiveerd zodat het niet langer zichtbaar is."
 */
describe('kandidatenbank: a profile is listed a year after activation, then re-confirmed or inactivated', () => {
  const clock = new FixedClock('2026-01-05T10:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
  });
  afterAll(() => t.close());

  async function listedJobseeker(activatedAt: string) {
    clock.set(activatedAt);
    const tenant = await t.createTenant('kandidatenbank');
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'de Vries' });
    return { tenant, js };
  }

  async function reminderLink(tenant: TenantRef, personId: string): Promise<string> {
    const [mail] = await mailsTo(t, tenant, personId, 'profile-reconfirm');
    return pathOf(mail.variables!.confirmUrl);
  }

  it('sends one e-mail with an activation link a year after activation, and not a day before', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    // The clock starts with the activation itself, in its own unit of work.
    const [state] = await sql(t, tenant, `SELECT anchor_at, next_due_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`, [js.id]);
    expect(state).toEqual({ anchor_at: new Date('2026-01-05T10:00:00Z'), next_due_at: new Date('2027-01-05T10:00:00Z') });
    await sweep(t, tenant);
    clock.set('2027-01-05T09:59:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, js.id, 'profile-reconfirm')).toHaveLength(0);

    clock.set('2027-01-05T10:00:00Z');
    const report = await sweep(t, tenant);
    expect(report.reminders).toBe(1);
    const mails = await mailsTo(t, tenant, js.id, 'profile-reconfirm');
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient_address).toBe(js.email);
    expect(mails[0].variables).toMatchObject({ name: expect.any(String), deadline: '4 februari 2027' });
    expect(mails[0].variables!.confirmUrl).toMatch(/\/retention\/respond\?token=/);

    await sweep(t, tenant);
    clock.advanceDays(3);
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, js.id, 'profile-reconfirm')).toHaveLength(1);
  });

  it('inactivates the profile when nobody clicks within the set period (30 days by default), so it is no longer visible', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);

    clock.set('2027-02-04T09:59:00Z');
    await sweep(t, tenant);
    expect((await profileOf(t, tenant, js.id))!.state).toBe('active');

    clock.set('2027-02-04T10:00:00Z');
    const report = await sweep(t, tenant);
    expect(report.inactivated).toBe(1);
    expect((await profileOf(t, tenant, js.id))!.state).toBe('inactive');
    const search = await sql(t, tenant, `SELECT 1 FROM profile_search WHERE tenant_id = $1 AND profile_id = $2`, [js.id]);
    expect(search).toHaveLength(0);
    const audit = await auditOf(t, tenant, js.id, 'person.inactivate');
    expect(audit).toEqual([
      expect.objectContaining({ actor_kind: 'system', details: { reason: 'retention', schedule: 'jobseeker-listing' } }),
    ]);

    // The data is kept: inactivation hides, it does not delete.
    const [account] = await sql(t, tenant, `SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`, [js.id]);
    expect(account).toEqual({ email: js.email });

    // An answer after the period has passed is refused with a clear answer; the person re-activates themself.
    const late = await t.http('post', await reminderLink(tenant, js.id), { tenant: tenant.key });
    expect(late.status).toBe(410);
    expect((await profileOf(t, tenant, js.id))!.state).toBe('inactive');
  });

  it('keeps the profile listed for another year when the person clicks the activation link in time', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);

    clock.set('2027-01-20T08:00:00Z');
    const link = await reminderLink(tenant, js.id);
    const click = await t.http('post', link, { tenant: tenant.key });
    expect(click.status).toBe(200);
    expect(click.body).toEqual({ status: 'confirmed' });
    const again = await t.http('post', link, { tenant: tenant.key });
    expect(again.body).toEqual({ status: 'already-confirmed' });
    const profile = await profileOf(t, tenant, js.id);
    expect(profile!.listed_until).toEqual(new Date('2028-01-20T08:00:00Z'));
    expect(await auditOf(t, tenant, js.id, 'retention.answer')).toHaveLength(1);

    clock.set('2027-02-05T10:00:00Z');
    await sweep(t, tenant);
    expect((await profileOf(t, tenant, js.id))!.state).toBe('active');

    // The next year runs from the click: the next mail comes a year later.
    clock.set('2028-01-20T07:59:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, js.id, 'profile-reconfirm')).toHaveLength(1);
    clock.set('2028-01-20T08:00:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, js.id, 'profile-reconfirm')).toHaveLength(2);
  });

  it('opening the link in the mail only shows a page (a mail scanner answers nothing); its button answers', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-20T08:00:00Z');
    const link = await reminderLink(tenant, js.id);
    const before = await profileOf(t, tenant, js.id);

    const opened = await t.http('get', link, { tenant: tenant.key });
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toMatch(/^text\/html/);
    const csp = opened.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(opened.headers['x-frame-options']).toBe('DENY');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.headers['cache-control']).toBe('no-store');
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const form = /<form method="post" action="([^"]+)">/.exec(opened.text);
    expect(form).not.toBeNull();
    expect(new URL(form![1].replace(/&#38;/g, '&'), 'http://x').searchParams.get('token')).toBe(token);
    expect(opened.text).not.toMatch(/<script/i);
    // Opened again by a scanner or a preview: nothing answered, nothing touched, the reminder still open.
    await t.http('get', link, { tenant: tenant.key });
    expect(await profileOf(t, tenant, js.id)).toEqual(before);
    expect(await auditOf(t, tenant, js.id, 'retention.answer')).toHaveLength(0);
    const [state] = await sql(t, tenant, `SELECT deadline_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`, [js.id]);
    expect(state.deadline_at).not.toBeNull();

    // The button: a form post from the browser, answered with a page.
    const pressed = await t.http('post', link, { tenant: tenant.key, headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(pressed.status).toBe(200);
    expect(pressed.headers['content-type']).toMatch(/^text\/html/);
    expect(pressed.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(pressed.text).toContain('Je gegevens blijven bewaard.');
    expect((await profileOf(t, tenant, js.id))!.listed_until).toEqual(new Date('2028-01-20T08:00:00Z'));
    expect(await auditOf(t, tenant, js.id, 'retention.answer')).toHaveLength(1);

    // A forged link shows no page.
    const forged = await t.http('get', `/retention/respond?token=${token.slice(0, -3)}abc`, { tenant: tenant.key });
    expect(forged.status).toBe(400);
  });

  it('also counts signing in as an answer (the tenant declares it), so an active user is not inactivated', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2027-01-10T10:00:00Z');
    await t.login({ email: js.email, password: js.password, tenant });
    clock.set('2027-03-01T10:00:00Z');
    await sweep(t, tenant);
    const profile = await profileOf(t, tenant, js.id);
    expect(profile!.state).toBe('active');
    expect(profile!.listed_until).toEqual(new Date('2028-01-10T10:00:00Z'));
  });

  it('sends no reminder to a person who inactivated the profile themself: the listing already ended', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    clock.set('2026-06-01T10:00:00Z');
    const token = await t.login({ email: js.email, password: js.password, tenant });
    const res = await t.http('post', '/profiles/me/inactivate', { tenant: tenant.key, token });
    expect(res.status).toBe(200);
    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, js.id, 'profile-reconfirm')).toHaveLength(0);
  });

  it('lets the tenant admin change the period within its bounds; the change is audited and applies to the next mail', async () => {
    const { tenant, js } = await listedJobseeker('2026-01-05T10:00:00Z');
    await sweep(t, tenant);
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const tooShort = await t.http('put', '/settings/reconfirmWindowDays', { tenant: tenant.key, token: admin.token, body: { value: 3 } });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors).toEqual([{ field: 'reconfirmWindowDays', reason: 'must be between 7 and 90' }]);
    const ok = await t.http('put', '/settings/reconfirmWindowDays', { tenant: tenant.key, token: admin.token, body: { value: 14 } });
    expect(ok.status).toBe(200);
    const [change] = await sql<{ details: Record<string, string> }>(
      t,
      tenant,
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'setting.change'`,
    );
    expect(change.details).toMatchObject({ key: 'reconfirmWindowDays', to: '14' });

    clock.set('2027-01-05T10:00:00Z');
    await sweep(t, tenant);
    const [mail] = await mailsTo(t, tenant, js.id, 'profile-reconfirm');
    expect(mail.variables!.deadline).toBe('19 januari 2027');
    clock.set('2027-01-19T10:00:00Z');
    await sweep(t, tenant);
    expect((await profileOf(t, tenant, js.id))!.state).toBe('inactive');
  });
});
