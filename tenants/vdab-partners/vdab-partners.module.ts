import { Module, type OnModuleInit } from '@nestjs/common';
import { AccountRecoveryModule, PersonDataRegistry, ProfilesModule, RetentionModule } from '../../libs/tenant-host/src/index.js';
import { ActionDocumentsService } from './vdab-partners.documents.service.js';
import { vdabPartnersPersonData } from './vdab-partners.person-data.js';
import { PartnerAdmins } from './vdab-partners.admins.js';
import { PartnerStaffService } from './vdab-partners.staff.service.js';
import { QualityReportService } from './vdab-partners.report.service.js';
import { ServiceUpdatesService } from './vdab-partners.updates.service.js';
import { VdabPartnersDemoSeeder } from './vdab-partners.demo-seeder.js';
import { DossierAccess } from './vdab-partners.access.js';
import { CredentialsService } from './vdab-partners.credentials.service.js';
import { DossiersService } from './vdab-partners.dossiers.service.js';
import {
  AccountRequestsController,
  AssignmentsController,
  OrganisationStaffController,
  CredentialsController,
  DossiersController,
  MyWorkController,
  PartnerAdminsController,
  PartnerApiController,
  QualityReportController,
  ServiceUpdatesController,
} from './vdab-partners.controllers.js';

/** VDAB's partner environment: dossiers, assignments, actions, the access log and machine credentials. */
@Module({
  // ProfilesModule provides the core's DocumentFiles (durable file deletion), used for action documents.
  imports: [AccountRecoveryModule, RetentionModule, ProfilesModule],
  controllers: [
    DossiersController,
    AssignmentsController,
    MyWorkController,
    AccountRequestsController,
    OrganisationStaffController,
    CredentialsController,
    PartnerAdminsController,
    PartnerApiController,
    QualityReportController,
    ServiceUpdatesController,
  ],
  providers: [DossierAccess, PartnerAdmins, ActionDocumentsService, DossiersService, CredentialsService, PartnerStaffService, QualityReportService, ServiceUpdatesService, VdabPartnersDemoSeeder],
})
export class VdabPartnersModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(vdabPartnersPersonData);
  }
}
