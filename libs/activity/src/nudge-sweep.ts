import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import type { TenantRef } from '../../context/src/index.js';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { MailService, type OutgoingMail } from '../../mail/src/index.js';
import type { NudgeRule, TenantDefinition } from '../../plugin-api/src/index.js';
import { ActivityService, PersonDataRegistry } from '../../privacy/src/index.js';
import { profileFieldValues, profileStates } from '../../profiles/src/index.js';
import { TenantRegistry, TenantsService } from '../../tenancy/src/index.js';
import { ActivityLog } from './activity-log.js';

const DAY = 86_400_000;
const PAGE = 500;

export interface NudgeSweepReport {
  tenants: number;
  people: number;
  nudged: number;
  eventsPurged: number;
  failedPages: number;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Mails the nudges a tenant declares, and deletes events past the tenant's keeping period. A nudge
 * only mails: nothing here writes to a profile, an account or a state, so no decision about the
 * person is ever taken by it. One page of people per transaction: the claim of each nudge, its
 * mail and its audit entry commit together, so a sweep killed mid-page sends nothing of that page
 * and the next sweep sends each nudge once.
 */
@Injectable()
export class NudgeSweep {
  private readonly logger = new Logger('activity');

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly registry: TenantRegistry,
    private readonly activity: ActivityService,
    private readonly people: PersonDataRegistry,
    private readonly log: ActivityLog,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async sweep(opts: { tenantIds?: readonly string[] } = {}): Promise<NudgeSweepReport> {
    const report: NudgeSweepReport = { tenants: 0, people: 0, nudged: 0, eventsPurged: 0, failedPages: 0 };
    for (const tenant of await this.tenants.list()) {
      if (tenant.status !== 'active' || !this.registry.has(tenant.plugin)) continue;
      if (opts.tenantIds && !opts.tenantIds.includes(tenant.id)) continue;
      const def = this.registry.get(tenant.plugin);
      if (!def.activity) continue;
      report.tenants++;
      const now = this.clock.now();
      report.eventsPurged += await this.db.forTenant(tenant, (tx) => this.log.purgeBefore(tx, new Date(now.getTime() - def.activity!.keepDays * DAY)));
      if (def.activity.nudges?.length) await this.nudgeTenant(tenant, def, now, report);
    }
    return report;
  }

  private async nudgeTenant(tenant: TenantRef, def: TenantDefinition, now: Date, report: NudgeSweepReport): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const page = await this.db.forTenant(tenant, (tx) => this.activity.signedInPeople(tx, 'jobseeker', after, PAGE));
      if (!page.length) return;
      after = page[page.length - 1].personId;
      try {
        report.nudged += await this.db.forTenant(tenant, (tx) => this.nudgePage(tx, tenant, def, page, now));
      } catch (err) {
        // The page rolled back whole: no claim, no mail. The next sweep finds the same people due.
        report.failedPages++;
        this.logger.error({ tenant: tenant.key, err: (err as Error).message }, 'nudge page failed');
      }
      report.people += page.length;
      if (page.length < PAGE) return;
    }
  }

  private async nudgePage(
    tx: TenantTx,
    tenant: TenantRef,
    def: TenantDefinition,
    page: readonly { personId: string; lastSignInAt: Date }[],
    now: Date,
  ): Promise<number> {
    const rules = def.activity!.nudges!;
    const ids = page.map((p) => p.personId);
    const keys = [...new Set(rules.flatMap((r) => r.when.missingAnyOf ?? []))];
    const [states, values] = await Promise.all([profileStates(tx, ids), profileFieldValues(tx, ids, keys)]);
    // A profile whose service ended (inactive) is no longer one to complete or come back to.
    const eligible = page.filter((p) => {
      const state = states.get(p.personId);
      return state !== undefined && state !== 'inactive';
    });
    const due = new Map<string, { rule: NudgeRule; missing: string[] }>();
    for (const p of eligible) {
      for (const rule of rules) {
        const silentDays = rule.when.noSignInForDays;
        if (silentDays !== undefined && p.lastSignInAt.getTime() > now.getTime() - silentDays * DAY) continue;
        const fields = values.get(p.personId) ?? {};
        const missing = (rule.when.missingAnyOf ?? []).filter((k) => isEmpty(fields[k]));
        if (rule.when.missingAnyOf?.length && !missing.length) continue;
        // One nudge per person per sweep, the first rule that applies: reminders must not pile up.
        due.set(p.personId, { rule, missing });
        break;
      }
    }
    if (!due.size) return 0;
    const claimed = new Set<string>();
    for (const rule of rules) {
      const people = [...due].filter(([, d]) => d.rule.key === rule.key).map(([id]) => id);
      const cutoff = new Date(now.getTime() - rule.atMostEveryDays * DAY);
      for (const id of await this.log.claimNudges(tx, rule.key, people, now, cutoff)) claimed.add(id);
    }
    if (!claimed.size) return 0;
    const contacts = await this.people.contacts(tx, [...claimed]);
    const mails: OutgoingMail[] = [];
    const nudged: { personId: string; rule: string }[] = [];
    for (const id of claimed) {
      const contact = contacts.get(id);
      if (!contact) continue;
      const { rule, missing } = due.get(id)!;
      const locale = contact.locale && def.locales.includes(contact.locale) ? contact.locale : def.defaultLocale;
      const label = (k: string) => {
        const l = def.profile.fields.find((f) => f.key === k)?.label;
        return l === undefined ? k : typeof l === 'string' ? l : (l[locale] ?? l[def.defaultLocale] ?? k);
      };
      const available: Record<string, unknown> = {
        name: contact.name,
        profileUrl: new URL(`/t/${tenant.key}/profile`, this.config.PUBLIC_BASE_URL).toString(),
        missingFields: missing.map(label).join(', '),
      };
      const template = def.mail.templates.find((t) => t.key === rule.template)!;
      mails.push({
        template: rule.template,
        to: { address: contact.address, personId: id, personKind: 'jobseeker', locale },
        variables: Object.fromEntries(template.variables.map((v) => [v, available[v]])),
        idempotencyKey: `nudge:${rule.key}:${id}:${now.toISOString()}`,
      });
      nudged.push({ personId: id, rule: rule.key });
    }
    await this.mail.enqueueMany(tx, mails);
    await this.audit.recordMany(
      nudged.map((n) => ({ action: 'activity.nudge', subjectType: 'person', subjectId: n.personId, details: { rule: n.rule } })),
      tx,
    );
    return nudged.length;
  }
}
