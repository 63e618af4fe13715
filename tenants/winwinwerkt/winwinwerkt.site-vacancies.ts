import { Injectable, NotFoundException } from '@nestjs/common';
import { labelForHost } from '../../libs/plugin-api/src/index.js';
import { Clock, RequestContext, TenantDb, type TenantTx } from '../../libs/tenant-host/src/index.js';
import { WINWINWERKT_DOMAIN, winwinwerktLabels } from './winwinwerkt.labels.js';

/** The label of the site a request came in on (null: WinWinWerkt's own site). */
export function siteLabel(): string | null {
  return labelForHost({ labels: winwinwerktLabels }, RequestContext.host() ?? WINWINWERKT_DOMAIN)?.key ?? null;
}

/**
 * A vacancy one applies to on this site: online now and of this site's label (WinWinWerkt's own
 * site has its own, unlabelled ones). Any other is "no such vacancy", as on the vacancy list.
 */
export async function vacancyOnSite(tx: TenantTx, vacancyId: string, now: Date, label: string | null): Promise<{ title: string }> {
  const [vacancy] = await tx.query<{ title: string }>(
    `SELECT title FROM vacancies WHERE tenant_id = $1 AND id = $2 AND status = 'published' AND posted_at <= $3 AND publish_until > $3
        AND label IS NOT DISTINCT FROM $4::text`,
    [tx.tenantId, vacancyId, now, label],
  );
  if (!vacancy) throw new NotFoundException('No such vacancy');
  return vacancy;
}

/** The same check for a page that shows the vacancy it applies to. */
@Injectable()
export class SiteVacancies {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  find(vacancyId: string): Promise<{ title: string }> {
    return this.db.transaction((tx) => vacancyOnSite(tx, vacancyId, this.clock.now(), siteLabel()));
  }
}
