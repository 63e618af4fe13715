import { Module } from '@nestjs/common';
import { PortalLinks, ProfilesModule, RetentionModule } from '../../libs/tenant-host/src/index.js';
import { ServiceEndController } from './hallowerk.service-end.controller.js';
import { ServiceEndService } from './hallowerk.service-end.service.js';
import { BulkImportController } from './hallowerk.import.controller.js';
import { BulkImportService } from './hallowerk.import.service.js';
import { ExecutionAuthorisationsController } from './hallowerk.execution-authorisations.controller.js';
import { SupportGrantsController } from './hallowerk.support-grants.controller.js';
import { MovesController } from './hallowerk.moves.controller.js';
import { MovesService } from './hallowerk.moves.service.js';
import { WorkFoundController } from './hallowerk.work-found.controller.js';
import { WorkFoundService } from './hallowerk.work-found.service.js';
import { CoachAssignmentsController, MyAssignmentsController } from './hallowerk.assignments.controller.js';
import { AssignmentsService } from './hallowerk.assignments.service.js';
import { CoachMessagesController } from './hallowerk.coach-messages.controller.js';
import { CoachMessagesService } from './hallowerk.coach-messages.service.js';
import { AssignmentsPersonData } from './hallowerk.assignments.person-data.js';

/** HalloWerk's own routes: the municipality's import of its residents, the end of a person's service, moves, grants, assignments. */
@Module({
  imports: [ProfilesModule, RetentionModule],
  controllers: [
    BulkImportController,
    ServiceEndController,
    ExecutionAuthorisationsController,
    SupportGrantsController,
    MovesController,
    WorkFoundController,
    CoachAssignmentsController,
    MyAssignmentsController,
    CoachMessagesController,
  ],
  providers: [BulkImportService, ServiceEndService, MovesService, WorkFoundService, AssignmentsService, AssignmentsPersonData, CoachMessagesService, PortalLinks],
})
export class HalloWerkModule {}
