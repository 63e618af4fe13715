import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext, type Actor } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { ConsentPurpose, Localised, PersonKind, TenantDefinition } from '../../plugin-api/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { SearchIndexService } from '../../search/src/search-index.service.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ConsentReach } from './consent-reach.js';
import { ConsentWithdrawalListeners } from './consent-withdrawal.listeners.js';

export interface ConsentDecision {
  readonly version?: string;
  readonly locale?: string;
  /** How the decision reached us: `web` for the person's own request, else how staff received it. */
  readonly channel: string;
  /** For per-use purposes: what the consent covers (a connection, an application). */
  readonly scopeId?: string | null;
  /** Set when the person decides themself: it counts as their interaction (retention clocks). */
  readonly selfKind?: PersonKind | null;
}

interface StateRow {
  purpose: string;
  granted: boolean;
  policyVersion: string;
  changedAt: Date;
}

export interface ConsentEventRow {
  purpose: string;
  granted: boolean;
  at: Date;
  channel: string;
  policyVersion: string;
  recordedBy: string | null;
  scopeId: string | null;
}

/**
 * The consent ledger. Every grant and withdrawal is an event (time, channel, the exact text and
 * policy version shown, who recorded it), and the current state per person and purpose changes in
 * the same transaction, so every read path that joins consent_state honours a withdrawal from the
 * very next request; the candidate-bank index is refreshed in that transaction too.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditService,
    private readonly search: SearchIndexService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly withdrawals: ConsentWithdrawalListeners,
    private readonly reach: ConsentReach,
  ) {}

  /** The tenant's purposes with the person's standing on each, and their ledger. */
  async list(personId: string, locale?: string) {
    const loc = this.listLocale(locale);
    return this.db.transaction((tx) => this.ledger(tx, personId, loc));
  }

  async grant(actor: Actor, personId: string, purposeKey: string, d: ConsentDecision): Promise<void> {
    const { purpose, shown } = this.grantable(purposeKey, d);
    await this.db.transaction((tx) => this.record(tx, actor, personId, purpose, true, shown, purpose.version, d));
  }

  /** Takes effect at once; withdrawing what is not granted changes nothing and records nothing. */
  async withdraw(actor: Actor, personId: string, purposeKey: string, d: ConsentDecision): Promise<{ changed: boolean }> {
    const purpose = this.withdrawable(purposeKey);
    return this.db.transaction((tx) => this.withdrawIn(tx, actor, personId, purpose, d));
  }

  /**
   * Staff's routes on a person: each is one transaction that first asks whether the caller reaches
   * the person (404 otherwise, as for an unknown id, before anything is read or written).
   */
  async listForStaff(actor: Actor, personId: string, locale?: string) {
    const loc = this.listLocale(locale);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId);
      return this.ledger(tx, personId, loc);
    });
  }

  /** A decision the person gave staff another way, recorded and answered with the person's ledger. */
  async grantForStaff(actor: Actor, personId: string, purposeKey: string, d: ConsentDecision) {
    const loc = this.listLocale(d.locale);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId, 'record');
      const { purpose, shown } = this.grantable(purposeKey, d);
      await this.record(tx, actor, personId, purpose, true, shown, purpose.version, d);
      return this.ledger(tx, personId, loc);
    });
  }

  async withdrawForStaff(actor: Actor, personId: string, purposeKey: string, d: ConsentDecision) {
    const loc = this.listLocale(undefined);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId, 'record');
      await this.withdrawIn(tx, actor, personId, this.withdrawable(purposeKey), d);
      return this.ledger(tx, personId, loc);
    });
  }

  private async ledger(tx: TenantTx, personId: string, loc: string) {
    const def = this.definition();
    const states = new Map((await this.states(tx, personId)).map((s) => [s.purpose, s]));
    const history = await tx.query<ConsentEventRow>(
      `SELECT purpose, granted, at, channel, policy_version AS "policyVersion", recorded_by AS "recordedBy", scope_id AS "scopeId"
         FROM consent_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY at DESC, id LIMIT 500`,
      [tx.tenantId, personId],
    );
    return {
      items: def.consents.map((p) => {
        const s = states.get(p.key);
        return {
          purpose: p.key,
          label: text(p.label, loc),
          text: text(p.text, loc),
          version: p.version,
          asked: p.asked,
          withdrawable: p.withdrawable,
          granted: s?.granted ?? false,
          grantedVersion: s?.granted ? s.policyVersion : null,
          changedAt: s?.changedAt ?? null,
          // Granted under an older text: still valid for what it said, but the person should see the new one.
          renewalAdvised: !!s?.granted && s.policyVersion !== p.version,
        };
      }),
      history,
    };
  }

  /** The purpose a grant is for and the text shown, once the decision is one the purpose accepts. */
  private grantable(purposeKey: string, d: ConsentDecision): { purpose: ConsentPurpose; shown: string } {
    const purpose = this.purpose(purposeKey);
    if (d.version !== purpose.version)
      throw new ValidationProblem(
        [{ field: 'version', reason: `must be the current policy version "${purpose.version}" of the text shown` }],
        409,
        'The consent text has changed since it was shown',
      );
    if (purpose.asked === 'per-use' && !d.scopeId)
      throw new ValidationProblem(
        [{ field: 'purpose', reason: 'is asked each time it is used (for example when accepting a connection), not in advance' }],
        422,
      );
    return { purpose, shown: text(purpose.text, this.locale(d.locale)) };
  }

  private withdrawable(purposeKey: string): ConsentPurpose {
    const purpose = this.purpose(purposeKey);
    if (!purpose.withdrawable)
      throw new ValidationProblem([{ field: 'purpose', reason: 'cannot be withdrawn (it is not based on consent)' }], 409);
    return purpose;
  }

  private async withdrawIn(tx: TenantTx, actor: Actor, personId: string, purpose: ConsentPurpose, d: ConsentDecision): Promise<{ changed: boolean }> {
    const [current] = await tx.query<{ granted: boolean; policy_version: string }>(
      `SELECT granted, policy_version FROM consent_state WHERE tenant_id = $1 AND person_id = $2 AND purpose = $3 FOR UPDATE`,
      [tx.tenantId, personId, purpose.key],
    );
    if (!current?.granted) return { changed: false };
    const shown = text(purpose.text, this.locale(d.locale));
    await this.record(tx, actor, personId, purpose, false, shown, current.policy_version, d);
    return { changed: true };
  }

  /** For other capabilities: which purposes each person has granted now, read in the caller's unit of work. */
  async grantedPurposes(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>(personIds.map((id) => [id, new Set<string>()]));
    if (!personIds.length) return out;
    const rows = await tx.query<{ person_id: string; purpose: string }>(
      `SELECT person_id, purpose FROM consent_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]) AND granted`,
      [tx.tenantId, personIds],
    );
    for (const r of rows) out.get(r.person_id)?.add(r.purpose);
    return out;
  }

  /** Records a decision inside the caller's unit of work (a capability that asks per use, e.g. connections). */
  async record(
    tx: TenantTx,
    /** Who records the decision: the person, or the staff member it was given to. */
    actor: Actor,
    personId: string,
    purpose: ConsentPurpose,
    granted: boolean,
    shown: string,
    version: string,
    d: ConsentDecision,
  ): Promise<void> {
    const now = this.clock.now();
    const recordedBy = actor.accountId;
    await tx.query(
      `INSERT INTO consent_events (tenant_id, person_id, purpose, granted, at, channel, policy_version, text_shown, recorded_by, scope_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [tx.tenantId, personId, purpose.key, granted, now, d.channel, version, shown, recordedBy, d.scopeId ?? null],
    );
    await tx.query(
      `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, person_id, purpose) DO UPDATE SET
         granted = EXCLUDED.granted, policy_version = EXCLUDED.policy_version, changed_at = EXCLUDED.changed_at`,
      [tx.tenantId, personId, purpose.key, granted, version, now],
    );
    await this.audit.record(
      {
        action: granted ? 'consent.grant' : 'consent.withdraw',
        subjectType: 'person',
        subjectId: personId,
        details: { purpose: purpose.key, version, channel: d.channel, scopeId: d.scopeId ?? null },
      },
      tx,
    );
    // Data kept only under this consent goes with it, in this transaction: a failure keeps the consent too.
    if (!granted) await this.withdrawals.notify(tx, personId, purpose.key);
    await this.search.index(tx, personId);
    if (d.selfKind) await this.activity.touch(personId, d.selfKind, 'interaction', tx);
  }

  async eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM consent_state WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
    await tx.query(`DELETE FROM consent_events WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
    // Consents an erased staff member recorded for others stay in their ledger, without naming them.
    await tx.query(`UPDATE consent_events SET recorded_by = NULL WHERE tenant_id = $1 AND recorded_by = ANY($2::uuid[])`, [
      tx.tenantId,
      personIds,
    ]);
  }

  async export(tx: TenantTx, personId: string) {
    return tx.query(
      `SELECT purpose, granted, at, channel, policy_version AS "policyVersion", text_shown AS "textShown", scope_id AS "scopeId"
         FROM consent_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY at`,
      [tx.tenantId, personId],
    );
  }

  private states(tx: TenantTx, personId: string): Promise<StateRow[]> {
    return tx.query<StateRow>(
      `SELECT purpose, granted, policy_version AS "policyVersion", changed_at AS "changedAt"
         FROM consent_state WHERE tenant_id = $1 AND person_id = $2`,
      [tx.tenantId, personId],
    );
  }

  purpose(key: string): ConsentPurpose {
    const purpose = this.definition().consents.find((p) => p.key === key);
    if (!purpose) throw new ValidationProblem([{ field: 'purpose', reason: `"${key}" is not a consent purpose of this tenant` }], 404);
    return purpose;
  }

  /** The platform tenant runs on no definition and asks no consent (404). */
  private definition(): TenantDefinition {
    const plugin = RequestContext.tenant().plugin;
    if (!this.registry.has(plugin)) throw new NotFoundException('This service asks no consent');
    return this.registry.get(plugin);
  }

  /** A listing falls back to the tenant's default locale rather than refusing an unknown one. */
  private listLocale(locale: string | undefined): string {
    const def = this.definition();
    return locale && def.locales.includes(locale) ? locale : def.defaultLocale;
  }

  private locale(locale: string | undefined): string {
    const def = this.definition();
    if (locale === undefined) return def.defaultLocale;
    if (!def.locales.includes(locale))
      throw new ValidationProblem([{ field: 'locale', reason: `must be one of ${def.locales.join(', ')}` }]);
    return locale;
  }
}

function text(value: Localised, locale: string): string {
  if (typeof value === 'string') return value;
  return value[locale] ?? Object.values(value)[0] ?? '';
}
