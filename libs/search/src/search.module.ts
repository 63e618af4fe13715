import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../privacy/src/person-data.registry.js';
import { ProfileSearchService } from './profile-search.service.js';
import { SearchController } from './search.controller.js';
import { SearchIndexService } from './search-index.service.js';

/**
 * Candidate-bank search: the index kept in step with profiles, and the search endpoint. Global so
 * every capability that changes a profile can keep the index in step without importing this module.
 */
@Global()
@Module({
  controllers: [SearchController],
  providers: [SearchIndexService, ProfileSearchService],
  exports: [SearchIndexService, ProfileSearchService],
})
export class SearchModule implements OnModuleInit {
  constructor(
    private readonly registry: PersonDataRegistry,
    private readonly index: SearchIndexService,
  ) {}

  onModuleInit(): void {
    // The index is derived from the profile, but erasure must not depend on a cascade firing.
    // Anonymisation and inactivation are left to the profiles handler, which re-indexes after its
    // own change: a delete here could run after it (the order follows module start-up) and drop a
    // row that should stay, such as an anonymised profile its staff still look up.
    this.registry.register({
      name: 'search-index',
      erase: (tx, personId) => this.index.remove(tx, personId),
    });
  }
}
