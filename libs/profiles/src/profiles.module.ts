import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { ConsentModule } from '../../consent/src/consent.module.js';
import { AccountRecoveryModule } from '../../account-recovery/src/account-recovery.module.js';
import { ConsentWithdrawalListeners } from '../../consent/src/consent-withdrawal.listeners.js';
import { AudienceResolver } from './audience-resolver.js';
import { ConsentReader } from './consent-reader.js';
import { EmailVerificationService } from './email-verification.service.js';
import { ProfileDocumentsController } from './profile-documents.controller.js';
import { ProfileDocumentsService } from './profile-documents.service.js';
import { ProfileReaderService } from './profile-reader.service.js';
import { ProfileRegistrationService } from './profile-registration.service.js';
import { ProfileStatesService } from './profile-states.service.js';
import { ProfileWriterService } from './profile-writer.service.js';
import { ProfileEnrolmentService } from './profile-enrolment.service.js';
import { ProfileStore } from './profile.store.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesPersonData } from './profiles.person-data.js';
import { DocumentFiles } from './document-files.js';
import { DocumentFilesScheduler } from './document-files.scheduler.js';
import { ProcessingRestrictions } from './processing-restriction.js';
import { ProfileMovesService } from './profile-moves.service.js';
import { EmailVerifiedListeners } from './email-verified.listeners.js';
import { UnverifiedRegistrations } from './unverified-registrations.js';
import { UnverifiedRegistrationsScheduler } from './unverified-registrations.scheduler.js';
import { StaffReach } from './staff-reach.js';

/** The candidate-bank profile: registration, fields, states, documents, and who sees what. */
@Module({
  imports: [ConsentModule, AccountRecoveryModule],
  controllers: [ProfilesController, ProfileDocumentsController],
  providers: [
    ProfileStore,
    ConsentReader,
    AudienceResolver,
    ProfileReaderService,
    ProfileWriterService,
    ProfileStatesService,
    ProfileRegistrationService,
    EmailVerificationService,
    ProfileDocumentsService,
    ProfilesPersonData,
    DocumentFiles,
    DocumentFilesScheduler,
    ProfileEnrolmentService,
    ProcessingRestrictions,
    ProfileMovesService,
    EmailVerifiedListeners,
    UnverifiedRegistrations,
    UnverifiedRegistrationsScheduler,
    StaffReach,
  ],
  exports: [
    ProfileRegistrationService,
    EmailVerifiedListeners,
    UnverifiedRegistrations,
    ProfileMovesService,
    StaffReach,
    ProfileReaderService,
    AudienceResolver,
    ConsentReader,
    ProfileStore,
    DocumentFiles,
    ProfileDocumentsService,
    ProfileEnrolmentService,
    ProfileStatesService,
    ProcessingRestrictions,
  ],
})
export class ProfilesModule implements OnModuleInit {
  constructor(
    private readonly registry: PersonDataRegistry,
    private readonly personData: ProfilesPersonData,
    private readonly withdrawals: ConsentWithdrawalListeners,
    private readonly documents: ProfileDocumentsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.personData);
    this.withdrawals.register((tx, personId, purpose) => this.documents.deleteForWithdrawnConsent(tx, personId, purpose));
  }
}
