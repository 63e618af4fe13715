import { Global, Module } from '@nestjs/common';
import { ProfileSearchService } from './profile-search.service.js';
import { SearchController } from './search.controller.js';
import { SearchIndexService } from './search-index.service.js';

/**
 * Candidate-bank search: the index kept in step with profiles, and the search endpoint. Global so
 * every capability that changes a profile can keep the index in step without importing this module.
 *
 * No person-data handler of its own: the index is derived from the profile, and the profiles
 * handler removes or rebuilds a person's row in the same erasure, anonymisation or inactivation
 * (a second handler would repeat the delete per person, or undo a rebuild, depending on order).
 */
@Global()
@Module({
  controllers: [SearchController],
  providers: [SearchIndexService, ProfileSearchService],
  exports: [SearchIndexService, ProfileSearchService],
})
export class SearchModule {}
