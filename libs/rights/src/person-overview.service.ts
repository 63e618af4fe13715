import { Injectable } from '@nestjs/common';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ErasureService } from '../../privacy/src/index.js';
import { RetentionForecastService } from '../../retention/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { declaredFields } from './declared-data.js';
import { DossierOpenings, type DossierOpening } from './dossier-openings.service.js';

/** Holds something: a value that is neither empty nor an empty list or object. */
function holds(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * One page for the person about themself: what is held (per field, in the tenant's words, with
 * why, who may see it, and until when), which other parts of the platform hold something about
 * them, the consents in force, what the retention schedules will do next (legal holds included),
 * and how often their dossier was opened by others. Values are not repeated here: the export (a
 * request of its own, art. 15) hands them over.
 */
@Injectable()
export class PersonOverview {
  constructor(
    private readonly erasure: ErasureService,
    private readonly registry: TenantRegistry,
    private readonly retention: RetentionForecastService,
    private readonly openings: DossierOpenings,
    private readonly clock: Clock,
  ) {}

  async of(personId: string, locale?: string) {
    const def = this.registry.current();
    const loc = locale && def.locales.includes(locale) ? locale : def.defaultLocale;
    const held = await this.erasure.export(personId);
    const profile = (held.profiles ?? null) as { fields?: Record<string, unknown>; documents?: unknown[] } | null;
    const values = profile?.fields ?? {};
    // The consent ledger, oldest first: the last decision per purpose is the one in force.
    const ledger = (Array.isArray(held.consent) ? held.consent : []) as { purpose: string; granted: boolean; at: Date; policyVersion: string }[];
    const inForce = new Map(ledger.map((e) => [e.purpose, e]));
    const timeline = await this.retention.timeline(personId, { history: false });
    const openings = await this.openings.list(null, personId);
    return {
      tenant: { key: RequestContext.tenant().key, name: def.name },
      generatedAt: this.clock.now().toISOString(),
      fields: declaredFields(def, loc)
        .filter((f) => holds(values[f.key]))
        .map((f) => ({
          key: f.key,
          label: f.label,
          purpose: f.purpose,
          visibleTo: f.audience,
          retention: f.retention,
          specialCategory: f.specialCategory,
        })),
      documents: Array.isArray(profile?.documents) ? profile.documents.length : 0,
      // Each capability that keeps something about the person, by name: the map the erasure walks.
      heldBy: Object.entries(held)
        .filter(([, v]) => holds(v))
        .map(([name]) => name)
        .sort(),
      consents: def.consents.map((c) => {
        const last = inForce.get(c.key);
        return { purpose: c.key, granted: last?.granted ?? false, version: last?.granted ? last.policyVersion : null, since: last?.at ?? null };
      }),
      retention: { heldUntil: timeline.heldUntil, schedules: timeline.schedules },
      dossierOpenings: {
        count: openings.length,
        last: openings[0]?.at ?? null,
        organisations: [...new Set(openings.flatMap((o) => o.organisations))].sort(),
        // For which processing the dossier was opened, most frequent first (Logboek Dataverwerkingen).
        byProcessingActivity: byActivity(openings),
      },
    };
  }
}

function byActivity(openings: readonly DossierOpening[]) {
  const out = new Map<string, { processingActivity: string; purpose: string; count: number }>();
  for (const o of openings) {
    const seen = out.get(o.processingActivity) ?? { processingActivity: o.processingActivity, purpose: o.purpose, count: 0 };
    seen.count++;
    out.set(o.processingActivity, seen);
  }
  return [...out.values()].sort((x, y) => y.count - x.count || x.processingActivity.localeCompare(y.processingActivity));
}
