import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { AuditController } from './audit.controller.js';
import { AuditPseudonyms } from './audit-pseudonyms.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditPseudonyms], exports: [AuditService, AuditPseudonyms] })
export class AuditModule {}
