import { Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext, type Actor } from '../../context/src/index.js';
import type { PolicySetting } from '../../plugin-api/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { TenantRegistry } from './tenant-registry.js';

export type SettingValue = number | boolean | string;

/**
 * Policy settings a tenant admin may change, within the bounds the tenant definition declares.
 * Unset settings read as the definition's default; every change is audited.
 */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async all(): Promise<Record<string, SettingValue>> {
    const declared = this.registry.current().settings;
    const stored = await this.db.transaction((tx) =>
      tx.query<{ key: string; value: SettingValue }>(`SELECT key, value FROM tenant_settings WHERE tenant_id = $1`, [
        tx.tenantId,
      ]),
    );
    const values = new Map(stored.map((r) => [r.key, r.value]));
    return Object.fromEntries(declared.map((s) => [s.key, values.has(s.key) ? values.get(s.key)! : s.default]));
  }

  async get<T extends SettingValue>(key: string): Promise<T> {
    const all = await this.all();
    if (!(key in all)) throw new Error(`Setting "${key}" is not declared by tenant ${RequestContext.tenant().key}`);
    return all[key] as T;
  }

  async set(actor: Actor, key: string, value: unknown): Promise<Record<string, SettingValue>> {
    const setting = this.registry.current().settings.find((s) => s.key === key);
    if (!setting) throw new ValidationProblem([{ field: key, reason: 'is not a setting of this tenant' }], 404);
    const reason = problem(setting, value);
    if (reason) throw new ValidationProblem([{ field: key, reason }]);
    await this.db.transaction(async (tx) => {
      const [old] = await tx.query<{ value: SettingValue }>(
        `SELECT value FROM tenant_settings WHERE tenant_id = $1 AND key = $2`,
        [tx.tenantId, key],
      );
      await tx.query(
        `INSERT INTO tenant_settings (tenant_id, key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [tx.tenantId, key, JSON.stringify(value), this.clock.now(), actor.accountId],
      );
      await this.audit.record(
        {
          action: 'setting.change',
          subjectType: 'tenant-setting',
          details: { key, from: old ? JSON.stringify(old.value) : JSON.stringify(setting.default), to: JSON.stringify(value) },
        },
        tx,
      );
    });
    return this.all();
  }
}

function problem(setting: PolicySetting, value: unknown): string | null {
  switch (setting.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      if (value < setting.min || value > setting.max) return `must be between ${setting.min} and ${setting.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && setting.options.includes(value)
        ? null
        : `must be one of ${setting.options.join(', ')}`;
  }
}
