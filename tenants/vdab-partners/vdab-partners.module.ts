import { Module } from '@nestjs/common';
import { DossierAccess } from './vdab-partners.access.js';
import { CredentialsService } from './vdab-partners.credentials.service.js';
import { DossiersService } from './vdab-partners.dossiers.service.js';
import {
  AssignmentsController,
  CredentialsController,
  DossiersController,
  MyWorkController,
  PartnerAdminsController,
  PartnerApiController,
} from './vdab-partners.controllers.js';

/** VDAB's partner environment: dossiers, assignments, actions, the access log and machine credentials. */
@Module({
  controllers: [DossiersController, AssignmentsController, MyWorkController, CredentialsController, PartnerAdminsController, PartnerApiController],
  providers: [DossierAccess, DossiersService, CredentialsService],
})
export class VdabPartnersModule {}
