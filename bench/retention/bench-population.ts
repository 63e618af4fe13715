import pg from 'pg';
import { resolveSchedule } from '../../libs/retention/src/schedule-plan.js';
import { retentionLab } from '../../libs/retention/src/__tests__/support/retention-lab.tenant.js';

/** Statement 000's schedule (reminders after a year, monthly, deletion at 18 months), as the lab tenant declares it. */
export const SCHEDULE = retentionLab.retention[0];

/**
 * Loads one tenant's population straight into the tables as the owner (bulk SQL, no app code):
 * `people` jobseekers, every `dueEvery`-th of whom had all six reminders and whose deletion date
 * has passed; the rest are mid-schedule with their next step months away. One in ten has a
 * consent on record; every due person has the six reminder mails in the outbox.
 */
export async function loadTenant(owner: pg.Client, tenantId: string, people: number, dueEvery: number): Promise<void> {
  const fingerprint = resolveSchedule(SCHEDULE, [], {}).fingerprint;
  await owner.query(`DROP TABLE IF EXISTS bench_people`);
  await owner.query(
    `CREATE TEMP TABLE bench_people AS
     SELECT gen_random_uuid() AS id, g, (g % $1 = 0) AS due,
            CASE WHEN g % $1 = 0 THEN now() - interval '19 months' ELSE now() - (g % 330) * interval '1 day' END AS anchor
       FROM generate_series(1, $2::int) g`,
    [dueEvery, people],
  );
  await owner.query(
    `INSERT INTO accounts (tenant_id, id, email, display_name, roles, status, locale, created_at)
     SELECT $1, id, 'p' || g || '.' || $2 || '@bench.example', 'Person ' || g, '{jobseeker}', 'active', 'en', anchor
       FROM bench_people`,
    [tenantId, tenantId.slice(0, 8)],
  );
  await owner.query(
    `INSERT INTO person_activity (tenant_id, person_id, person_kind, last_interaction_at, last_sign_in_at)
     SELECT $1, id, 'jobseeker', anchor, anchor FROM bench_people`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO retention_state (tenant_id, person_id, schedule_key, person_kind, anchor_at, next_step, reminders_sent,
                                  last_reminder_at, deadline_at, next_due_at, status, plan_fingerprint, updated_at)
     SELECT $1, id, $2, 'jobseeker', anchor,
            CASE WHEN due THEN 6 ELSE 0 END, CASE WHEN due THEN 6 ELSE 0 END,
            CASE WHEN due THEN anchor + interval '17 months' END,
            CASE WHEN due THEN anchor + interval '18 months' END,
            anchor + CASE WHEN due THEN interval '18 months' ELSE interval '12 months' END,
            'active', $3, now()
       FROM bench_people`,
    [tenantId, SCHEDULE.key, fingerprint],
  );
  // Reconciled up to now, as after the previous day's sweep: the activity above is behind the watermark.
  await owner.query(
    `INSERT INTO retention_plans (tenant_id, schedule_key, fingerprint, applied_at, reconciled_at, adopted_through)
     VALUES ($1, $2, $3, now(), now(), pg_snapshot_xmin(pg_current_snapshot()))`,
    [tenantId, SCHEDULE.key, fingerprint],
  );
  await owner.query(
    `INSERT INTO consent_events (tenant_id, person_id, purpose, granted, at, channel, policy_version, text_shown)
     SELECT $1, id, 'photo', true, anchor, 'web', '2', 'Show my photo.' FROM bench_people WHERE g % 10 = 0`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at)
     SELECT $1, id, 'photo', true, '2', anchor FROM bench_people WHERE g % 10 = 0`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO mail_messages (tenant_id, idempotency_key, template, category, locale, recipient_address, address_hash,
                                person_id, person_kind, status, next_attempt_at, message_id_header, created_at, updated_at,
                                sent_at, finished_at)
     SELECT $1, 'retention:' || p.id || ':' || s, 'account-deletion-reminder', 'reminder', 'en',
            'p' || p.g || '@bench.example', md5(p.id::text), p.id, 'jobseeker', 'sent', now(),
            '<' || gen_random_uuid() || '@lab.example>', now(), now(), now(), now()
       FROM bench_people p, generate_series(0, 5) s WHERE p.due`,
    [tenantId],
  );
}

/** The tables a person's deletion empties, and how to find the person in each. */
export const PERSON_TABLES: readonly [table: string, column: string][] = [
  ['mail_messages', 'person_id'],
  ['consent_events', 'person_id'],
  ['consent_state', 'person_id'],
  ['retention_state', 'person_id'],
  ['person_activity', 'person_id'],
  ['accounts', 'id'],
];
