import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from '../../../database/src/index.js';

const SIGNATURE = `app.mail_round(uuid, timestamptz, text, timestamptz, uuid[], text[], text[], text[], text[], timestamptz[], uuid[])`;

/**
 * A delivery round (the previous round's outcomes recorded, this round's mails marked as handed
 * over) as one statement: the function sets the tenant (SET LOCAL, for the statement's own implicit
 * transaction only) and writes under row-level security, as the caller (SECURITY INVOKER). The
 * statement commits before its answer comes back, so the mark still precedes every end of DATA;
 * one round trip instead of four (BEGIN, set tenant, statement, COMMIT), and every lane of the
 * batch waits for it each round. The writes are those of `MailOutboxStore.record` and `handOff`.
 */
export class MailRound1732209847000 implements MigrationInterface {
  name = 'MailRound1732209847000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app.mail_round(
        p_tenant uuid, p_now timestamptz, p_owner text, p_lease_until timestamptz,
        p_done uuid[], p_kinds text[], p_statuses text[], p_codes text[], p_providers text[], p_next_ats timestamptz[],
        p_hand_off uuid[])
      RETURNS SETOF uuid
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      BEGIN
        PERFORM app.set_tenant(p_tenant);
        RETURN QUERY
          WITH recorded AS (
            UPDATE mail_messages m SET
                status = o.status,
                last_error = CASE WHEN o.kind = 'release' THEN m.last_error ELSE o.code END,
                provider_message_id = COALESCE(o.provider, m.provider_message_id),
                sent_at = CASE WHEN o.status = 'sent' THEN p_now ELSE m.sent_at END,
                finished_at = CASE WHEN o.status = 'queued' THEN NULL ELSE p_now END,
                next_attempt_at = COALESCE(o.next_at, m.next_attempt_at),
                variables = CASE WHEN o.status = 'queued' THEN m.variables ELSE NULL END,
                lease_owner = CASE WHEN o.status = 'queued' THEN NULL ELSE m.lease_owner END,
                lease_until = NULL,
                handed_off_at = CASE WHEN o.status = 'queued' THEN NULL ELSE m.handed_off_at END,
                updated_at = p_now
              FROM unnest(p_done, p_kinds, p_statuses, p_codes, p_providers, p_next_ats)
                AS o(id, kind, status, code, provider, next_at)
             WHERE m.tenant_id = p_tenant AND m.id = o.id AND m.lease_owner = p_owner
               AND (m.status = 'sending' OR (m.status = 'unconfirmed' AND o.status <> 'queued'))
            RETURNING m.id),
          handed AS (
            UPDATE mail_messages h SET handed_off_at = p_now, lease_until = p_lease_until, updated_at = p_now
             WHERE h.tenant_id = p_tenant AND h.id = ANY(p_hand_off) AND h.lease_owner = p_owner
               AND h.status = 'sending' AND h.handed_off_at IS NULL
            RETURNING h.id)
          SELECT handed.id FROM handed;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${SIGNATURE} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${SIGNATURE} TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${SIGNATURE}`);
  }
}
