import { Injectable } from '@nestjs/common';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { RequestContext } from '../../context/src/index.js';
import { CORE_AUDIT_ACTIVITIES, CORE_PROCESSING_ACTIVITIES } from '../../plugin-api/src/index.js';

export class UnclassifiedAuditActionError extends Error {
  constructor(action: string, activity?: string) {
    super(
      activity
        ? `audit action "${action}" names processing activity "${activity}", which the tenant's register does not declare`
        : `audit action "${action}" belongs to no declared processing activity (map it in CORE_AUDIT_ACTIVITIES or the tenant's processing.auditActions)`,
    );
    this.name = 'UnclassifiedAuditActionError';
  }
}

const CORE_IDS: ReadonlySet<string> = new Set(CORE_PROCESSING_ACTIVITIES.map((a) => a.id));

/**
 * Which processing activity of the register an audit entry belongs to: the core's map for core
 * actions, the tenant's declaration for its own. Refuses what neither names, so the log never holds
 * an entry the register cannot explain.
 */
@Injectable()
export class ProcessingActivities {
  constructor(private readonly registry: TenantRegistry) {}

  of(action: string, explicit?: string): string {
    const declared = this.declaration();
    if (explicit !== undefined) {
      if (CORE_IDS.has(explicit) || declared?.activities?.some((a) => a.id === explicit)) return explicit;
      throw new UnclassifiedAuditActionError(action, explicit);
    }
    const core = (CORE_AUDIT_ACTIVITIES as Readonly<Record<string, string>>)[action];
    if (core) return core;
    const own = declared?.auditActions?.[action];
    if (own) return own;
    throw new UnclassifiedAuditActionError(action);
  }

  private declaration() {
    // The platform tenant runs on no definition: it writes core actions only.
    const plugin = RequestContext.tenant().plugin;
    return this.registry.has(plugin) ? this.registry.get(plugin).processing : undefined;
  }
}
