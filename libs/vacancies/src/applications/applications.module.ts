import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../../privacy/src/index.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationDocumentsService } from './application-documents.service.js';
import { applicationsPersonData } from './applications.person-data.js';

/** Applications to vacancies; visible to the vacancy's recruiters, the employer's managers, staff and the applicant. */
@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationDocumentsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(applicationsPersonData);
  }
}
