export { SearchModule } from './search.module.js';
export { SearchIndexService } from './search-index.service.js';
export { ProfileSearchService } from './profile-search.service.js';
export type { SearchResult, SearchHit, FacetValue } from './profile-search.service.js';
export type { SearchAudience } from './search-rules.js';
export { ProfileSearch1732201200000 } from './migrations/1732201200000-profile-search.js';
