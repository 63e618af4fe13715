import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ProfileSearchService, type SearchResult } from './profile-search.service.js';
import { SEARCH_COUNT_CAP } from './migrations/search-capped-counts.sql.js';

const CAP = SEARCH_COUNT_CAP.toLocaleString('en');

/** The answer as ProfileSearchService.search gives it; the counts come with the first page only. */
const SearchResultResponse = ApiOkResponse({
  description: 'A page of hits; on the first page also the counts, capped (see `totalCapped`, `facetsCounted`); a broad relevance search says its order is bounded (`rankedWithin`).',
  schema: {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      description: 'The hits of this page, each projected for the reader (`id` for staff and tenant administrators only).',
      items: { type: 'object', additionalProperties: true },
    },
    nextCursor: { type: 'string', nullable: true, description: 'Opaque: pass as `cursor` for the next page; null on the last.' },
    total: {
      type: 'integer',
      description: `First page only. How many profiles match, exact up to ${CAP}; above that it is ${CAP} and \`totalCapped\` is true: show it as "${CAP}+".`,
    },
    totalCapped: { type: 'boolean', description: `First page only. True when more than ${CAP} profiles match (\`total\` is then a lower bound).` },
    facets: {
      type: 'object',
      description:
        'First page only. Per filter field, its values, most frequent first. A value is counted with the other fields\' filters applied but not its own.',
      additionalProperties: {
        type: 'array',
        items: {
          type: 'object',
          required: ['value', 'count'],
          properties: {
            value: { type: 'string' },
            count: { type: 'integer', nullable: true, description: 'Exact, or null when the counts were not made (`facetsCounted` false).' },
          },
        },
      },
    },
    rankedWithin: {
      type: 'integer',
      description: `Any page of a word search sorted by relevance. Present (${CAP}) when the words and filters match more than ${CAP} profiles: the order is the best among the first ${CAP} matches found, not among all of them (show it, e.g. "best of the first ${CAP}"; more words or a filter give a full ranking). Absent when every match was ranked.`,
    },
    facetsCounted: {
      type: 'boolean',
      description: `First page only. False when the search without its filters matches more than ${CAP} profiles: the values listed are those found among the first ${CAP} read (and any selected one), without counts. Counts from part of the matches are never given.`,
    },
  },
  },
});

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: ProfileSearchService) {}

  /**
   * Searches the candidate bank. Which of these roles may search, and whom they find, is the
   * tenant's rule; the service enforces it. Filters are `filter[<fieldKey>]=value`, repeatable.
   */
  @Get('profiles')
  @Roles('employer', 'staff', 'tenant-admin', 'partner')
  @SearchResultResponse
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: ['relevance', 'recent'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({
    name: 'filter',
    required: false,
    style: 'deepObject',
    explode: true,
    description: 'filter[<fieldKey>]=value, for each searchable filter field of the tenant',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  })
  profiles(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<SearchResult> {
    return this.search.search(actor, query);
  }
}
