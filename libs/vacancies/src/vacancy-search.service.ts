import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { VacancySearchQuery } from './vacancy.dto.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { siteLabel, siteLabels } from './site-label.js';
import {
  ON_SITE,
  PUBLICLY_VISIBLE,
  VACANCY_SELECT,
  toPublicVacancyView,
  type PublicVacancyView,
  type VacancyRow,
} from './vacancy-view.js';
import { beforeCursor, decodeCursor, encodeCursor } from './keyset-cursor.js';
import { toJobPosting, type JobPostingJsonLd } from './job-posting.js';

/** Dutch and English at once: the vector holds both stems, the query is parsed both ways. */
export const BILINGUAL_QUERY = (param: string) =>
  `(websearch_to_tsquery('dutch', ${param}) || websearch_to_tsquery('english', ${param}))`;

export interface VacancyPage {
  items: PublicVacancyView[];
  nextCursor: string | null;
}

/**
 * What anyone on the tenant's site sees: published vacancies inside their publication window, of
 * the site the request is served on (a label's site lists that label's vacancies only).
 * A draft, closed or expired vacancy does not exist here (404), whoever asks.
 */
@Injectable()
export class VacancySearchService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly registry: TenantRegistry,
  ) {}

  async search(query: VacancySearchQuery): Promise<VacancyPage> {
    const after = decodeCursor(query.cursor);
    const limit = query.limit ?? 20;
    const q = query.q?.trim() || null;
    const params: unknown[] = [
      this.clock.now(),
      q,
      query.city ?? null,
      query.hours ?? null,
      query.contractType ?? null,
      query.educationLevel ?? null,
      limit + 1,
      siteLabel(siteLabels(this.registry)),
    ];
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<VacancyRow>(
        `${VACANCY_SELECT}
          CROSS JOIN LATERAL (SELECT ${BILINGUAL_QUERY('$3::text')} AS query) s
          WHERE v.tenant_id = $1 AND ${PUBLICLY_VISIBLE('$2')}
            AND ($3::text IS NULL OR numnode(s.query) = 0 OR v.search_vector @@ s.query)
            AND ($4::text IS NULL OR lower(v.city) = lower($4))
            AND ($5::int IS NULL OR (v.hours_min <= $5 AND v.hours_max >= $5))
            AND ($6::text IS NULL OR v.contract_type = $6)
            AND ($7::text IS NULL OR v.education_level = $7)
            AND ${ON_SITE('$9')}
            ${after ? `AND ${beforeCursor('v.posted_at', '$10', '$11')}` : ''}
          ORDER BY v.posted_at DESC, v.id DESC LIMIT $8`,
        [tx.tenantId, ...params, ...(after ? [after.micros, after.id] : [])],
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toPublicVacancyView),
        nextCursor: rows.length > limit && last ? encodeCursor(last.posted_us!, last.id) : null,
      };
    });
  }

  async get(id: string): Promise<PublicVacancyView & { jsonLd: JobPostingJsonLd }> {
    const vacancy = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<VacancyRow>(
        `${VACANCY_SELECT} WHERE v.tenant_id = $1 AND v.id = $2 AND ${PUBLICLY_VISIBLE('$3')} AND ${ON_SITE('$4')}`,
        [tx.tenantId, id, this.clock.now(), siteLabel(siteLabels(this.registry))],
      );
      return row ? toPublicVacancyView(row) : null;
    });
    if (!vacancy) throw new NotFoundException('No such vacancy');
    return { ...vacancy, jsonLd: toJobPosting(vacancy) };
  }
}
