import { Injectable } from '@nestjs/common';
import { PublishedVacancyRanking, TenantDb, profileFieldValues, type Actor } from '../../../libs/tenant-host/src/index.js';

const FEED_SIZE = 20;
const MAX_TERMS = 200;

export interface JobFeedItem {
  id: string;
  title: string;
  employerName: string;
  city: string;
  reason: string;
  matchedWords: string[];
}

type Fields = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : []);
const itemStrings = (v: unknown, keys: readonly string[]): string[] =>
  Array.isArray(v) ? v.flatMap((item) => (item && typeof item === 'object' ? keys.flatMap((k) => strings((item as Fields)[k])) : [])) : [];
/** Free text is matched word by word: a whole sentence as one query would need every word in the vacancy. */
const words = (text: string[]): string[] => text.flatMap((t) => t.split(/[^\p{L}\p{N}-]+/u)).filter((w) => w.length >= 3);

/**
 * Statement 000, generated data: "Personalised job feed". Compiled on each request from the person's
 * own profile and the vacancies published right now; nothing of it is stored.
 */
@Injectable()
export class JobFeedService {
  constructor(
    private readonly db: TenantDb,
    private readonly ranking: PublishedVacancyRanking,
  ) {}

  async feed(actor: Actor): Promise<JobFeedItem[]> {
    const fields = await this.ownFields(actor.accountId!);
    const terms = [
      ...strings(fields.functionalSkills),
      ...strings(fields.socialSkills),
      ...itemStrings(fields.languages, ['language']),
      ...itemStrings(fields.workHistory, ['role', 'sector']),
      ...words([...itemStrings(fields.workHistory, ['description']), ...strings(fields.about)]),
    ];
    const unique = [...new Map(terms.map((term) => [term.trim().toLowerCase(), term.trim()])).values()].filter(Boolean).slice(0, MAX_TERMS);
    const places = [...strings(fields.city), ...strings(fields.province)];
    const ranked = await this.ranking.rank(unique, places, FEED_SIZE);
    return ranked.map((v) => ({
      id: v.id,
      title: v.title,
      employerName: v.employerName,
      city: v.city,
      matchedWords: v.matchedTerms,
      reason: [v.matchedTerms.length ? `Matches: ${v.matchedTerms.join(', ')}` : null, v.inRegion ? 'In your region' : null]
        .filter(Boolean)
        .join('; ') || 'Recently published',
    }));
  }

  private async ownFields(personId: string): Promise<Fields> {
    const values = await this.db.transaction((tx) => profileFieldValues(tx, [personId]));
    return (values.get(personId) ?? {}) as Fields;
  }
}
