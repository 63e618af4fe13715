export { VacanciesModule } from './vacancies.module.js';
export { VacanciesService } from './vacancies.service.js';
export { VacancySearchService, BILINGUAL_QUERY } from './vacancy-search.service.js';
export { VacancyEntity } from './vacancy.entity.js';
export { PUBLICLY_VISIBLE, ON_SITE } from './vacancy-view.js';
export { haversineKm } from './haversine.js';
export { Vacancies1732201100000 } from './migrations/1732201100000-vacancies.js';
export { Applications1732201110000 } from './migrations/1732201110000-applications.js';
export { VacancyLabel1732209700200 } from './migrations/1732209700200-vacancy-label.js';
export { siteLabel } from './site-label.js';
// Use cases and request shapes the web portal uses, exactly as the API's controllers do.
export { ApplicationsService } from './applications/applications.service.js';
export { ApplyDto, ChangeApplicationStatusDto, RECRUITER_STATUSES } from './applications/application.dto.js';
export type { ApplicationView } from './applications/application-view.js';
export { CreateVacancyDto, VacancySearchQuery } from './vacancy.dto.js';
export { CONTRACT_TYPES, EDUCATION_LEVELS } from './vacancy-options.js';
export type { VacancyView, PublicVacancyView } from './vacancy-view.js';
// Used by other libraries (added when deep imports were routed through this index).
export { ApplicationsModule } from './applications/index.js';
export { PublishedVacancyRanking } from './published-vacancy-ranking.service.js';
export type { RankedVacancy } from './published-vacancy-ranking.service.js';
export { UuidParam } from './uuid-param.js';
