import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker, FILES, publicHandle, sql, upload, type Jobseeker } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { ConsentService } from '../consent.service.js';

const PHOTO_TEXT_NL = 'Ik geef toestemming om mijn pasfoto te tonen aan recruiters met toegang tot de kandidatenbank.';

/**
 * The consent ledger, proven on statement 001's purposes ("pasfoto en video - op vrijwillige
 * basis"): every grant and withdrawal recorded with time, channel, the text and version shown and
 * who recorded it; a withdrawal counts from the very next request.
 */
describe('consent ledger', () => {
  const clock = new FixedClock('2026-03-02T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let person: Jobseeker;
  let recruiter: { token: string };

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    const bankOrg = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    person = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'de Vries' });
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [bankOrg.id] });
  });
  afterAll(() => t.close());

  const me = (method: 'get' | 'post' | 'delete', path = '', body?: unknown) =>
    t.http(method, `/consents/me${path}`, { tenant: tenant.key, token: person.token, body });
  const ledger = (personId: string) =>
    sql<{ purpose: string; granted: boolean; at: Date; channel: string; policy_version: string; text_shown: string; recorded_by: string }>(
      t,
      tenant,
      `SELECT purpose, granted, at, channel, policy_version, text_shown, recorded_by FROM consent_events
        WHERE tenant_id = $1 AND person_id = $2 ORDER BY at, id`,
      [personId],
    );
  const documentsSeenByRecruiter = async () => {
    const res = await t.http('get', `/profiles/${await publicHandle(t, tenant, person.id)}`, { tenant: tenant.key, token: recruiter.token });
    expect(res.status).toBe(200);
    return res.body.documents.map((d: { field: string }) => d.field);
  };

  it('lists every purpose the tenant asks consent for, with the text and version the person would be shown', async () => {
    const res = await me('get');
    expect(res.status).toBe(200);
    const photo = res.body.items.find((i: { purpose: string }) => i.purpose === 'photo');
    expect(photo).toMatchObject({ text: PHOTO_TEXT_NL, version: '2023-07', granted: false, withdrawable: true });
    const english = await t.http('get', '/consents/me?locale=en', { tenant: tenant.key, token: person.token });
    expect(english.body.items.find((i: { purpose: string }) => i.purpose === 'photo').label).toBe('Show photo');
  });

  it('records a grant with time, channel, the exact text and version shown, and who recorded it', async () => {
    clock.set('2026-03-02T10:05:00Z');
    const res = await me('post', '/photo', { version: '2023-07' });
    expect(res.status).toBe(200);
    expect(res.body.items.find((i: { purpose: string }) => i.purpose === 'photo')).toMatchObject({ granted: true, grantedVersion: '2023-07' });
    expect(await ledger(person.id)).toEqual([
      {
        purpose: 'photo',
        granted: true,
        at: new Date('2026-03-02T10:05:00Z'),
        channel: 'web',
        policy_version: '2023-07',
        text_shown: PHOTO_TEXT_NL,
        recorded_by: person.id,
      },
    ]);
  });

  it('a withdrawn photo consent hides the photo from the very next request on', async () => {
    expect((await upload(t, person, 'photo', FILES.png, 'sam.png')).status).toBe(201);
    expect(await documentsSeenByRecruiter()).toContain('photo');
    clock.set('2026-03-02T10:06:00Z');
    const res = await me('delete', '/photo');
    expect(res.status).toBe(200);
    expect(await documentsSeenByRecruiter()).not.toContain('photo');
    const events = await ledger(person.id);
    expect(events[events.length - 1]).toMatchObject({ purpose: 'photo', granted: false, at: new Date('2026-03-02T10:06:00Z'), channel: 'web' });
    const [state] = await sql(t, tenant, `SELECT granted FROM consent_state WHERE tenant_id = $1 AND person_id = $2 AND purpose = 'photo'`, [person.id]);
    expect(state).toEqual({ granted: false });
  });

  it('withdrawing what is not granted changes nothing and records nothing', async () => {
    const before = (await ledger(person.id)).length;
    expect((await me('delete', '/video')).status).toBe(200);
    expect(await ledger(person.id)).toHaveLength(before);
  });

  it('refuses a grant that does not name the current policy version, an unknown purpose, an unknown locale and extra fields', async () => {
    const old = await me('post', '/photo', { version: '2021-01' });
    expect(old.status).toBe(409);
    expect(old.body.errors).toEqual([{ field: 'version', reason: 'must be the current policy version "2023-07" of the text shown' }]);
    const missing = await me('post', '/photo', {});
    expect(missing.status).toBe(400);
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['version']));
    const unknown = await me('post', '/tracking', { version: '2023-07' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ field: 'purpose', reason: '"tracking" is not a consent purpose of this tenant' }]);
    const locale = await me('post', '/photo', { version: '2023-07', locale: 'fr' });
    expect(locale.status).toBe(422);
    expect(locale.body.errors).toEqual([{ field: 'locale', reason: 'must be one of nl, en' }]);
    const extra = await me('post', '/photo', { version: '2023-07', granted: true });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('granted');
    expect((await ledger(person.id)).filter((e) => e.granted && e.at > new Date('2026-03-02T10:05:00Z'))).toEqual([]);
  });

  it('lets staff record a consent given by phone, naming the staff member as the one who recorded it', async () => {
    clock.set('2026-03-02T10:07:00Z');
    const staff = await t.signedIn(tenant, ['staff']);
    const res = await t.http('post', `/consents/people/${person.id}/newsletter`, {
      tenant: tenant.key,
      token: staff.token,
      body: { version: '2023-07', channel: 'phone', locale: 'en' },
    });
    expect(res.status).toBe(200);
    const events = await ledger(person.id);
    expect(events[events.length - 1]).toMatchObject({
      purpose: 'newsletter',
      channel: 'phone',
      recorded_by: staff.id,
      text_shown: 'I want to receive the newsletter.',
    });
    const forbidden = await t.http('post', `/consents/people/${person.id}/newsletter`, {
      tenant: tenant.key,
      token: person.token,
      body: { version: '2023-07', channel: 'phone' },
    });
    expect(forbidden.status).toBe(403);
    const nobody = await t.http('post', '/consents/people/00000000-0000-4000-8000-000000000000/newsletter', {
      tenant: tenant.key,
      token: staff.token,
      body: { version: '2023-07', channel: 'phone' },
    });
    expect(nobody.status).toBe(404);
  });

  it('tells other capabilities which purposes each person has granted, in their own unit of work', async () => {
    const other = await activeJobseeker(t, tenant, { firstName: 'Eva', lastName: 'Bos' });
    const granted = await t
      .get(TenantDb)
      .forTenant(tenant, (tx) => t.get(ConsentService).grantedPurposes(tx, [person.id, other.id]));
    expect([...granted.get(person.id)!]).toEqual(['newsletter']);
    expect([...granted.get(other.id)!]).toEqual([]);
  });

  it('the person sees their own ledger', async () => {
    const res = await me('get');
    expect(res.body.history.map((h: { purpose: string; granted: boolean }) => `${h.purpose}:${h.granted}`)).toEqual([
      'newsletter:true',
      'photo:false',
      'photo:true',
    ]);
  });
});
