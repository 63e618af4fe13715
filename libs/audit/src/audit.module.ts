import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { AuditController } from './audit.controller.js';
import { AuditPseudonyms } from './audit-pseudonyms.js';
import { ProcessingActivities } from './processing-activities.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditPseudonyms, ProcessingActivities], exports: [AuditService, AuditPseudonyms, ProcessingActivities] })
export class AuditModule {}
