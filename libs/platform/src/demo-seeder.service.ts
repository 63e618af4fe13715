import { Injectable } from '@nestjs/common';
import { AccountsService, OrgUnitsService } from '../../auth/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../context/src/index.js';
import { TenantRegistry, TenantsService, PLATFORM_TENANT_KEY } from '../../tenancy/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { AppConfig } from '../../config/src/index.js';

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
    for (const def of this.registry.all()) out.push(...(await this.seedTenant(def)));
    return out;
  }

  private async seedTenant(def: TenantDefinition): Promise<DemoCredential[]> {
    const domains = def.domains?.length ? [...def.domains] : [`${def.key}.localhost`];
    const tenant = await this.tenants.create(
      { key: def.key, plugin: def.key, name: def.name, domains },
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
        creds.push({ tenant: def.key, host: domains[0], email: a.email, password: a.password, roles: a.roles });
      }
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

  private inTenant<T>(tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
    return RequestContext.run({ tenant, actor: SYSTEM }, fn);
  }
}
