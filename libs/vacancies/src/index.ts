export { VacanciesModule } from './vacancies.module.js';
export { VacanciesService } from './vacancies.service.js';
export { VacancySearchService, BILINGUAL_QUERY } from './vacancy-search.service.js';
export { VacancyEntity } from './vacancy.entity.js';
export { PUBLICLY_VISIBLE } from './vacancy-view.js';
export { haversineKm } from './haversine.js';
export { Vacancies1732201100000 } from './migrations/1732201100000-vacancies.js';
export { Applications1732201110000 } from './migrations/1732201110000-applications.js';
