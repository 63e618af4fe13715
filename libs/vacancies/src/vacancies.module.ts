import { Module } from '@nestjs/common';
import { VacanciesController } from './vacancies.controller.js';
import { ManageVacanciesController } from './manage-vacancies.controller.js';
import { EmployerManagersController } from './employer-managers.controller.js';
import { VacanciesService } from './vacancies.service.js';
import { VacancySearchService } from './vacancy-search.service.js';
import { EmployerManagersService } from './employer-managers.service.js';
import { ApplicationsModule } from './applications/applications.module.js';

/** Vacancies: written by employers and staff, listed publicly while published; and their applications. */
@Module({
  imports: [ApplicationsModule],
  controllers: [VacanciesController, ManageVacanciesController, EmployerManagersController],
  providers: [VacanciesService, VacancySearchService, EmployerManagersService],
  exports: [VacanciesService, VacancySearchService],
})
export class VacanciesModule {}
