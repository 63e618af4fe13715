import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AccountsService, OrgUnitsService } from '../../auth/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../context/src/index.js';
import { TenantRegistry, TenantsService, PLATFORM_TENANT_KEY } from '../../tenancy/src/index.js';
import type { TenantDefinition, DemoAccount } from '../../plugin-api/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { CreateVacancyDto, VacanciesService } from '../../vacancies/src/index.js';
import { TenantDb } from '../../database/src/index.js';
import { addMonths, ProfileStore, validateProfileFields, ALIAS_ATTEMPTS, drawAlias } from '../../profiles/src/index.js';
import { SearchIndexService } from '../../search/src/index.js';

export interface DemoCredential {
  tenant: string;
  host: string;
  email: string;
  password: string;
  roles: readonly string[];
}

export const DEMO_OPERATOR = {
  email: 'operator@platform.example',
  password: 'demo-platform-2026!',
  displayName: 'Platform operator',
};

/**
 * Demo tenants and an account for every role, so `npm start` shows a working platform. Idempotent:
 * what exists is left alone, so restarting never duplicates or resets anything.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly tenants: TenantsService,
    private readonly accounts: AccountsService,
    private readonly units: OrgUnitsService,
    private readonly config: AppConfig,
    private readonly vacancies: VacanciesService,
    private readonly db: TenantDb,
    private readonly profiles: ProfileStore,
    private readonly search: SearchIndexService,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  async seed(): Promise<DemoCredential[]> {
    // The configuration refuses SEED_DEMO in production already; this holds for any other caller.
    if (this.config.isProduction)
      throw new Error('Demo accounts have published passwords and are never created in production');
    const out: DemoCredential[] = [];
    const platform = await this.tenants.create(
      { key: PLATFORM_TENANT_KEY, plugin: PLATFORM_TENANT_KEY, name: 'Platform', domains: ['platform.localhost'] },
      { ifMissing: true },
    );
    await this.inTenant(platform, () =>
      this.ensureAccount({ ...DEMO_OPERATOR, roles: ['platform-operator'] }, []),
    );
    out.push({ tenant: 'platform', host: 'platform.localhost', ...DEMO_OPERATOR, roles: ['platform-operator'] });
    for (const def of this.registry.all()) out.push(...(await this.onceMore(() => this.seedTenant(def))));
    return out;
  }

  private async seedTenant(def: TenantDefinition): Promise<DemoCredential[]> {
    const domains = def.domains?.length ? [...def.domains] : [`${def.key}.localhost`];
    const tenant = await this.tenants.create(
      // A label's host names lead to its tenant too (statement 003: each label on its own site).
      { key: def.key, plugin: def.key, name: def.name, domains: [...domains, ...(def.labels ?? []).flatMap((l) => l.domains)] },
      { ifMissing: true },
    );
    return this.inTenant(tenant, async () => {
      const unitIds = new Map<string, string>();
      const existing = await this.units.list();
      for (const u of existing) unitIds.set(u.key, u.id);
      for (const u of def.demo?.orgUnits ?? []) {
        if (unitIds.has(u.key)) continue;
        const created = await this.units.create({
          key: u.key,
          name: u.name,
          kind: u.kind,
          parentId: u.parent ? unitIds.get(u.parent) : null,
          candidateBankAccess: u.candidateBankAccess,
        });
        unitIds.set(u.key, created.id);
      }
      const creds: DemoCredential[] = [];
      for (const a of def.demo?.accounts ?? []) {
        await this.ensureAccount(a, a.orgUnit ? [unitIds.get(a.orgUnit)!] : []);
        if (a.profile) await this.ensureProfile(def, a, a.orgUnit ? unitIds.get(a.orgUnit)! : null);
        creds.push({ tenant: def.key, host: domains[0], email: a.email, password: a.password, roles: a.roles });
      }
      await this.ensureVacancies(def, unitIds);
      creds.push(...(await this.runTenantSeeder(def, unitIds, domains[0])));
      return creds;
    });
  }

  private async ensureAccount(
    a: { email: string; password: string; displayName: string; roles: readonly string[] },
    orgUnitIds: string[],
  ): Promise<void> {
    if (await this.accounts.findByEmail(a.email)) return;
    await this.accounts.create({
      email: a.email,
      password: a.password,
      displayName: a.displayName,
      roles: [...a.roles] as never,
      orgUnitIds,
      emailVerified: true,
    });
  }

  /**
   * Published vacancies of the demo employers, written by each unit's demo recruiter through the
   * same use case as the API, so a newcomer can apply straight away. One that exists is left alone.
   */
  private async ensureVacancies(def: TenantDefinition, unitIds: Map<string, string>): Promise<void> {
    for (const v of def.demo?.vacancies ?? []) {
      const unitId = unitIds.get(v.orgUnit)!;
      const recruiter = def.demo?.accounts.find((a) => a.orgUnit === v.orgUnit && a.roles.includes('employer'));
      const account = recruiter && (await this.accounts.findByEmail(recruiter.email));
      if (!account) continue;
      const actor = { kind: 'account' as const, accountId: account.id, roles: ['employer'], orgUnitIds: [unitId] };
      // The use case takes the recruiter; the context carries them too, for the audit entry's actor.
      await RequestContext.with({ actor }, async () => {
        const existing = await this.vacancies.listManaged(actor, { limit: 100 });
        if (existing.items.some((x) => x.title === v.title)) return;
        const publishUntil = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
        await this.vacancies.create(
          actor,
          Object.assign(new CreateVacancyDto(), {
            orgUnitId: unitId,
            title: v.title,
            description: v.description,
            location: { city: v.city },
            hours: { ...v.hours },
            contractType: v.contractType,
            educationLevel: v.educationLevel,
            label: v.label ?? null,
            publishUntil,
            status: 'published',
          }),
        );
      });
    }
  }

  /**
   * A demo jobseeker's pre-filled profile, written once: validated as staff and the person write
   * (a definition's demo data obeys its own rules), then listed if the demo says so.
   */
  private async ensureProfile(def: TenantDefinition, a: DemoAccount, orgUnitId: string | null): Promise<void> {
    const account = await this.accounts.findByEmail(a.email);
    if (!account || !a.profile) return;
    const { values, problems } = validateProfileFields(def.profile.fields, a.profile.fields, { writers: ['self', 'staff'], mode: 'create' });
    if (problems.length)
      throw new Error(`Demo profile of ${a.email} (${def.key}) is invalid: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    await this.db.transaction(async (tx) => {
      if (await this.profiles.find(tx, account.id)) return;
      const now = this.clock.now();
      const stored = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
      let placed = false;
      for (let i = 0; i < ALIAS_ATTEMPTS && !placed; i++)
        placed = await this.profiles.insert(tx, { id: account.id, alias: drawAlias(def), fields: stored, orgUnitId, now });
      if (!placed) return;
      if (a.profile!.visibleToEmployers === false) await this.profiles.setVisibleToEmployers(tx, account.id, false, now);
      const months = def.visibility.candidateBank.listedFor?.months;
      if (a.profile!.listed)
        await this.profiles.setState(tx, account.id, { state: 'active', activatedAt: now, listedUntil: months ? addMonths(now, months) : null }, now);
      await this.search.index(tx, account.id);
    });
  }

  /**
   * The tenant's own demo data (its own tables), by the provider its definition names; the secrets
   * it reports (machine credentials) are printed like the demo passwords.
   */
  private async runTenantSeeder(def: TenantDefinition, unitIds: Map<string, string>, host: string): Promise<DemoCredential[]> {
    if (!def.demo?.seeder) return [];
    const accountIds = new Map<string, string>();
    for (const a of def.demo.accounts) {
      const account = await this.accounts.findByEmail(a.email);
      if (account) accountIds.set(a.email, account.id);
    }
    const seeder = this.modules.get(def.demo.seeder, { strict: false });
    const secrets = await seeder.seed({ orgUnits: unitIds, accounts: accountIds });
    return secrets.map((s) => ({ tenant: def.key, host, email: s.label, password: s.secret, roles: ['machine-credential'] }));
  }

  /**
   * Two processes (or test files) seeding the same demo at once may both find a unit or an account
   * missing and both create it; the loser's unique violation is answered by seeding again, which
   * is idempotent and now finds what the other one wrote.
   */
  private async onceMore<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const e = err as { code?: string; driverError?: { code?: string }; status?: number };
        const raced = e.code === '23505' || e.driverError?.code === '23505' || e.status === 409;
        if (!raced || attempt >= 10) throw err;
        // A little apart, so the two do not meet again at the next unit or account.
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 80)));
      }
    }
  }

  private inTenant<T>(tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
    return RequestContext.run({ tenant, actor: SYSTEM }, fn);
  }
}
