import { AppConfig } from '../../../config/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailDeliveryService, MailService } from '../../../mail/src/index.js';
import { RetentionSweepService } from '../../../retention/src/index.js';
import { SmtpCapture } from '../../../mail/src/__tests__/support/smtp-capture.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** The value of one sample line, e.g. `recruit_mail_deliveries_total{outcome="sent"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let token: string;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ env: { SMTP_URL: smtp.url } });
    token = t.get(AppConfig).metricsToken!;
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const scrape = async () => {
    const res = await t.http('get', '/metrics', { token });
    expect(res.status).toBe(200);
    return res.text;
  };

  it('is refused to anonymous callers, to a session of any role and to a wrong token, as a problem', async () => {
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    for (const res of [
      await t.http('get', '/metrics'),
      await t.http('get', '/metrics', { tenant: tenant.key, token: admin.token }),
      await t.http('get', '/metrics', { token: `${token}x` }),
      await t.http('get', '/metrics', { headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` } }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.text).not.toContain('recruit_');
    }
  });

  it('is off in production until METRICS_TOKEN is set: the development token opens nothing there', () => {
    const production = Object.assign(new AppConfig(), { NODE_ENV: 'production' });
    expect(production.metricsToken).toBeNull();
    const configured = Object.assign(new AppConfig(), { NODE_ENV: 'production', METRICS_TOKEN: 'k'.repeat(40) });
    expect(configured.metricsToken).toBe('k'.repeat(40));
  });

  it('gives request latency per route template and status, never the path', async () => {
    const before = sample(await scrape(), 'recruit_http_request_duration_seconds_count{method="GET",route="/health",status="200"}');
    await t.http('get', '/health');
    await t.http('get', '/health');
    const missing = `/profiles/00000000-0000-4000-8000-${Date.now().toString().slice(-12)}`;
    await t.http('get', missing, { tenant: tenant.key });
    const text = await scrape();
    expect(sample(text, 'recruit_http_request_duration_seconds_count{method="GET",route="/health",status="200"}')).toBe(before + 2);
    expect(text).toMatch(/recruit_http_request_duration_seconds_count\{method="GET",route="\/profiles\/:id",status="\d{3}"\} [1-9]/);
    expect(text).not.toContain(missing);
    expect(routeLabelsAreTemplates(text)).toBe(true);
  });

  it('gives the use of the database pool', async () => {
    const text = await scrape();
    expect(sample(text, 'recruit_db_pool_connections{state="max"}')).toBe(t.get(AppConfig).DATABASE_POOL_SIZE);
    expect(sample(text, 'recruit_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(text).toContain('recruit_db_pool_connections{state="in_use"}');
    expect(text).toContain('recruit_db_pool_connections{state="waiting"}');
  });

  it('gives the outbox depth and the age of the oldest due mail per tenant, then the mails sent', async () => {
    await t.get(TenantDb).forTenant(tenant, async (tx) => {
      for (const n of [1, 2, 3])
        await t.get(MailService).enqueue(tx, {
          template: 'profile-reconfirm',
          to: { address: `metrics-${n}@example.test`, locale: 'en' },
          variables: { name: `Person ${n}`, confirmUrl: 'https://kb.example/confirm?t=abc', deadline: '1 April 2026' },
        });
      // One has waited two minutes for a worker.
      await tx.query(
        `UPDATE mail_messages SET next_attempt_at = now() - interval '120 seconds'
          WHERE tenant_id = $1 AND id = (SELECT id FROM mail_messages WHERE tenant_id = $1 ORDER BY created_at LIMIT 1)`,
        [tx.tenantId],
      );
    });
    await new Promise((r) => setTimeout(r, 1100)); // past the one-second memo of the outbox read
    let text = await scrape();
    expect(sample(text, `recruit_mail_outbox_mails{tenant="${tenant.key}",state="queued"}`)).toBe(3);
    expect(sample(text, `recruit_mail_outbox_mails{tenant="${tenant.key}",state="due"}`)).toBe(3);
    const age = sample(text, `recruit_mail_outbox_oldest_due_age_seconds{tenant="${tenant.key}"}`);
    expect(age).toBeGreaterThanOrEqual(119);
    expect(age).toBeLessThan(180);

    const sentBefore = sample(text, 'recruit_mail_deliveries_total{outcome="sent"}');
    const report = await t.get(MailDeliveryService).deliverDue(100, tenant);
    expect(report.sent).toBe(3);
    await new Promise((r) => setTimeout(r, 1100));
    text = await scrape();
    expect(sample(text, 'recruit_mail_deliveries_total{outcome="sent"}')).toBe(sentBefore + 3);
    expect(sample(text, `recruit_mail_outbox_mails{tenant="${tenant.key}",state="queued"}`)).toBe(0);
    expect(sample(text, `recruit_mail_outbox_oldest_due_age_seconds{tenant="${tenant.key}"}`)).toBe(0);
  });

  it('gives retention sweep progress: batches, people per step, and when a sweep last completed', async () => {
    const before = sample(await scrape(), 'recruit_retention_sweep_batches_total{result="ok"}');
    const startedAt = Date.now() / 1000;
    const report = await t.get(RetentionSweepService).sweep({ tenantIds: [tenant.id] });
    const text = await scrape();
    expect(sample(text, 'recruit_retention_sweep_batches_total{result="ok"}')).toBe(before + report.batches);
    expect(report.batches).toBeGreaterThan(0);
    expect(sample(text, 'recruit_retention_sweep_last_completed_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(startedAt));
    expect(sample(text, 'recruit_retention_sweeps_running')).toBe(0);
  });
});

/** A path parameter never becomes a label value: every route label is a template or "(no route)". */
function routeLabelsAreTemplates(text: string): boolean {
  const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
  return routes.every((r) => r === '(no route)' || !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(r));
}
