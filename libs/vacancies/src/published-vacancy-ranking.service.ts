import { Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { PUBLICLY_VISIBLE } from './vacancy-view.js';

export interface RankedVacancy {
  id: string;
  title: string;
  employerName: string;
  city: string;
  /** The caller's terms the vacancy text matched, in the order given. */
  matchedTerms: string[];
  /** The vacancy's city is one of the caller's places. */
  inRegion: boolean;
}

/**
 * Read-only ranking of the tenant's publicly visible vacancies against a list of terms and places,
 * for a tenant's own feed. Each term is matched on its own (Dutch and English stems) so the caller
 * can say which of its words matched; a place match outweighs a single weak text match.
 */
@Injectable()
export class PublishedVacancyRanking {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  rank(terms: readonly string[], places: readonly string[], limit: number): Promise<RankedVacancy[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{
        id: string;
        title: string;
        employer_name: string;
        city: string;
        matched: string[];
        in_region: boolean;
      }>(
        `SELECT v.id, v.title, o.name AS employer_name, v.city, m.matched, p.in_region
           FROM vacancies v
           JOIN org_units o ON o.tenant_id = v.tenant_id AND o.id = v.org_unit_id
           CROSS JOIN LATERAL (
             SELECT coalesce(array_agg(t.term ORDER BY t.ord) FILTER (WHERE v.search_vector @@ t.query), '{}') AS matched,
                    coalesce(sum(ts_rank(v.search_vector, t.query)) FILTER (WHERE v.search_vector @@ t.query), 0) AS relevance
               FROM (SELECT u.term, u.ord, plainto_tsquery('dutch', u.term) || plainto_tsquery('english', u.term) AS query
                       FROM unnest($3::text[]) WITH ORDINALITY AS u(term, ord)) t
              WHERE numnode(t.query) > 0
           ) m
           CROSS JOIN LATERAL (SELECT lower(v.city) = ANY($4::text[]) AS in_region) p
          WHERE v.tenant_id = $1 AND ${PUBLICLY_VISIBLE('$2')}
          ORDER BY m.relevance + CASE WHEN p.in_region THEN 1 ELSE 0 END DESC, v.posted_at DESC, v.id DESC
          LIMIT $5`,
        [tx.tenantId, this.clock.now(), [...terms], places.map((p) => p.toLowerCase()), limit],
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        employerName: r.employer_name,
        city: r.city,
        matchedTerms: r.matched,
        inRegion: r.in_region,
      }));
    });
  }
}
