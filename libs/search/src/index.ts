export { SearchModule } from './search.module.js';
export { SearchIndexService } from './search-index.service.js';
export { ProfileSearchService } from './profile-search.service.js';
export type { SearchResult, SearchHit, FacetValue } from './profile-search.service.js';
export type { SearchAudience } from './search-rules.js';
export { ProfileSearch1732201200000 } from './migrations/1732201200000-profile-search.js';
// Used by other libraries (added when deep imports were routed through this index).
export { SearchDefinerOwner1732205000200 } from './migrations/1732205000200-search-definer-owner.js';
export { SearchRecheckRestriction1732209600350 } from './migrations/1732209600350-search-recheck-restriction.js';
export { SearchDelegatedReach1732209700100 } from './migrations/1732209700100-search-delegated-reach.js';
export { SearchRoutableOnCitus1732209870002 } from './migrations/1732209870002-search-routable-on-citus.js';
export { SearchProjectedFields1732209860100 } from './migrations/1732209860100-search-projected-fields.js';
export { SearchProfileCards1732300000100 } from './migrations/1732300000100-search-profile-cards.js';
export { SearchCappedCounts1732300000200 } from './migrations/1732300000200-search-capped-counts.js';
export { SearchBoundedRanking1732300000300 } from './migrations/1732300000300-search-bounded-ranking.js';
export { SearchInlineConsent1732320000000 } from './migrations/1732320000000-search-inline-consent.js';
export { SearchDeclaredPurposes1732330000000 } from './migrations/1732330000000-search-declared-purposes.js';
export { SEARCH_COUNT_CAP } from './migrations/search-capped-counts.sql.js';
export { SEARCH_RANK_WINDOW } from './migrations/search-bounded-ranking.sql.js';
