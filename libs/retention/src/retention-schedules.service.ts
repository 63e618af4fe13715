import { Injectable, NotFoundException } from '@nestjs/common';
import type { PersonKind, TenantDefinition } from '../../plugin-api/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry, TenantSettingsService } from '../../tenancy/src/index.js';
import { resolveSchedule, type ResolvedSchedule } from './schedule-plan.js';

/** The schedules of the tenant in context, with its admin's current settings applied. */
@Injectable()
export class RetentionSchedules {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly settings: TenantSettingsService,
  ) {}

  /** The tenant's definition; the platform tenant runs on none and keeps no schedules (404). */
  definition(): TenantDefinition {
    const plugin = RequestContext.tenant().plugin;
    if (!this.registry.has(plugin)) throw new NotFoundException('This service keeps no retention schedules');
    return this.registry.get(plugin);
  }

  async current(): Promise<ResolvedSchedule[]> {
    const def = this.definition();
    if (!def.retention.length) return [];
    const values = def.settings.length ? await this.settings.all() : {};
    return def.retention.map((s) => resolveSchedule(s, def.settings, values));
  }

  /** For activity anywhere, including tenants without schedules (then none). */
  async forKind(kind: PersonKind): Promise<ResolvedSchedule[]> {
    if (!this.registry.has(RequestContext.tenant().plugin)) return [];
    return (await this.current()).filter((s) => s.personKind === kind);
  }

  async byKey(): Promise<Map<string, ResolvedSchedule>> {
    return new Map((await this.current()).map((s) => [s.key, s]));
  }
}
