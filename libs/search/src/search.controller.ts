import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ProfileSearchService, type SearchResult } from './profile-search.service.js';

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
