import { DataSource } from 'typeorm';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { haversineKm } from '../../../vacancies/src/index.js';
import { createVacancy, employerWithRecruiter } from '../../../vacancies/src/__tests__/vacancy-fixtures.js';
import { AlertMatcherService, LATE_COMMIT_MARGIN_MINUTES } from '../alert-matcher.service.js';
import { AlertStore } from '../alert-store.js';
import type { AlertCriteria } from '../alert-criteria.js';

const UTRECHT = { latitude: 52.0907, longitude: 5.1214 };
const ZEIST = { latitude: 52.0894, longitude: 5.2326 };
const AMSTERDAM = { latitude: 52.3676, longitude: 4.9041 };

describe('matching vacancies against alerts', () => {
  const clock = new FixedClock('2026-01-10T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let token: string;
  let recruiter: Awaited<ReturnType<typeof employerWithRecruiter>>['recruiter'];
  let subscriberId: string;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    recruiter = (await employerWithRecruiter(t, tenant)).recruiter;
    const [row] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO alert_subscribers (tenant_id, name, email, locale, created_at) VALUES ($1, 'Sam', 'sam@example.test', 'nl', $2) RETURNING id`,
        [tx.tenantId, clock.now()],
      ),
    );
    subscriberId = row.id;
  });
  afterAll(() => t.close());
  // Access tokens follow the test clock, which these tests move forward.
  beforeEach(async () => {
    token = await t.login(recruiter);
  });

  const criteria = (c: Partial<AlertCriteria>): AlertCriteria => ({
    keywords: null,
    locationLabel: null,
    latitude: null,
    longitude: null,
    distanceKm: null,
    hoursMin: null,
    hoursMax: null,
    frequency: 'immediate',
    ...c,
  });

  /** A confirmed alert now, then the vacancies a minute later (they come online after it). */
  async function scenario(alerts: Record<string, Partial<AlertCriteria>>, vacancies: Record<string, Record<string, unknown>>) {
    const alertIds: Record<string, string> = {};
    await t.get(TenantDb).forTenant(tenant, async (tx) => {
      for (const [key, c] of Object.entries(alerts))
        alertIds[key] = await AlertStore.insertAlert(tx, subscriberId, criteria(c), clock.now(), true);
    });
    clock.advance(60_000);
    const vacancyIds: Record<string, string> = {};
    for (const [key, body] of Object.entries(vacancies)) vacancyIds[key] = await createVacancy(t, tenant, token, body);
    const byId = Object.fromEntries(Object.entries(vacancyIds).map(([k, v]) => [v, k]));
    const byAlert = Object.fromEntries(Object.entries(alertIds).map(([k, v]) => [v, k]));
    const matches = await t.get(TenantDb).forTenant(tenant, (tx) =>
      t.get(AlertMatcherService).pending(tx, Object.values(alertIds), clock.now()),
    );
    const found: Record<string, string[]> = Object.fromEntries(Object.keys(alerts).map((k) => [k, []]));
    for (const m of matches) if (byId[m.id]) found[byAlert[m.alertId]].push(byId[m.id]);
    for (const list of Object.values(found)) list.sort();
    return { found, alertIds, vacancyIds };
  }

  it('computes great-circle distances in SQL (Amsterdam to Utrecht is about 35 km)', async () => {
    const [row] = await t
      .get(DataSource)
      .query(`SELECT ${haversineKm(`${AMSTERDAM.latitude}`, `${AMSTERDAM.longitude}`, `${UTRECHT.latitude}`, `${UTRECHT.longitude}`)} AS km`);
    expect(row.km).toBeGreaterThan(34);
    expect(row.km).toBeLessThan(36);
  });

  it('matches keywords with Dutch and English full text, all words required', async () => {
    const { found } = await scenario(
      { dutch: { keywords: 'monteurs' }, english: { keywords: 'developers' }, both: { keywords: 'monteur developer' }, either: { keywords: 'monteur or developer' } },
      {
        monteur: { title: 'Monteur installatietechniek' },
        developer: { title: 'Software developer', description: 'We are hiring a developer for our platform team in Utrecht.' },
      },
    );
    expect(found).toEqual({ dutch: ['monteur'], english: ['developer'], both: [], either: ['developer', 'monteur'] });
  });

  it('matches a distance from the alert point, and a vacancy without coordinates by its city', async () => {
    const { found } = await scenario(
      {
        near: { locationLabel: 'Utrecht', ...UTRECHT, distanceKm: 10 },
        wide: { locationLabel: 'Utrecht', ...UTRECHT, distanceKm: 50 },
        cityOnly: { locationLabel: 'zeist' },
      },
      {
        zeist: { location: { city: 'Zeist', ...ZEIST } },
        amsterdam: { location: { city: 'Amsterdam', ...AMSTERDAM } },
        utrechtNoCoordinates: { location: { city: 'Utrecht' } },
      },
    );
    expect(found).toEqual({
      near: ['utrechtNoCoordinates', 'zeist'],
      wide: ['amsterdam', 'utrechtNoCoordinates', 'zeist'],
      cityOnly: ['zeist'],
    });
  });

  it('matches when the hours ranges overlap', async () => {
    const { found } = await scenario(
      { partTime: { hoursMin: 8, hoursMax: 16 }, fullTime: { hoursMin: 36, hoursMax: 40 } },
      { small: { hours: { min: 12, max: 20 } }, medium: { hours: { min: 24, max: 32 } }, large: { hours: { min: 32, max: 40 } } },
    );
    expect(found).toEqual({ partTime: ['small'], fullTime: ['large'] });
  });

  it('an alert with no criteria matches every new vacancy', async () => {
    const { found } = await scenario({ all: {} }, { a: {}, b: { title: 'Bakker' } });
    expect(found).toEqual({ all: ['a', 'b'] });
  });

  it('offers only vacancies that are online now and came online after the alert was confirmed', async () => {
    const before = await createVacancy(t, tenant, token, { title: 'Eerder geplaatst' });
    clock.advance(60_000);
    const { found, alertIds } = await scenario(
      { all: {} },
      {
        online: {},
        draft: { status: 'draft' },
        later: { publishFrom: '2026-02-01T00:00:00.000Z' },
      },
    );
    expect(found).toEqual({ all: ['online'] });
    const ids = await t.get(TenantDb).forTenant(tenant, (tx) => t.get(AlertMatcherService).pending(tx, [alertIds.all], clock.now()));
    expect(ids.map((m) => m.id)).not.toContain(before);
  });

  it('looks only at what came online since the alert was last matched, with a margin for late commits', async () => {
    const { alertIds, vacancyIds } = await scenario({ all: {} }, { old: {} });
    clock.advance(60_000);
    const recent = await createVacancy(t, tenant, token);
    const matcher = t.get(AlertMatcherService);
    const pendingNow = () => t.get(TenantDb).forTenant(tenant, (tx) => matcher.pending(tx, [alertIds.all], clock.now()));
    clock.advance(LATE_COMMIT_MARGIN_MINUTES * 60_000 - 30_000);
    await t.get(TenantDb).forTenant(tenant, (tx) => matcher.advance(tx, [alertIds.all], clock.now()));
    expect((await pendingNow()).map((m) => m.id)).toEqual([recent]);
    expect((await pendingNow()).map((m) => m.id)).not.toContain(vacancyIds.old);
    const fresh = await t.get(TenantDb).forTenant(tenant, (tx) => matcher.immediateWithFreshVacancies(tx, clock.now()));
    expect(fresh).toContain(alertIds.all);
    clock.advance(LATE_COMMIT_MARGIN_MINUTES * 60_000);
    await t.get(TenantDb).forTenant(tenant, (tx) => matcher.advance(tx, [alertIds.all], clock.now()));
    expect(await pendingNow()).toEqual([]);
    const quiet = await t.get(TenantDb).forTenant(tenant, (tx) => matcher.immediateWithFreshVacancies(tx, clock.now()));
    expect(quiet).not.toContain(alertIds.all);
  });

  it('never offers a vacancy the alert has already had, and ignores unconfirmed alerts', async () => {
    const { alertIds, vacancyIds } = await scenario({ all: {} }, { one: {} });
    const matcher = t.get(AlertMatcherService);
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`INSERT INTO alert_deliveries (tenant_id, alert_id, vacancy_id, sent_at) VALUES ($1, $2, $3, $4)`, [
        tx.tenantId,
        alertIds.all,
        vacancyIds.one,
        clock.now(),
      ]),
    );
    const after = await t.get(TenantDb).forTenant(tenant, (tx) => matcher.pending(tx, [alertIds.all], clock.now()));
    expect(after.map((m) => m.id)).not.toContain(vacancyIds.one);
    const unconfirmed = await t.get(TenantDb).forTenant(tenant, async (tx) => {
      const id = await AlertStore.insertAlert(tx, subscriberId, criteria({}), clock.now(), false);
      clock.advance(60_000);
      return id;
    });
    await createVacancy(t, tenant, token);
    expect(await t.get(TenantDb).forTenant(tenant, (tx) => matcher.pending(tx, [unconfirmed], clock.now()))).toEqual([]);
  });
});
