import { Module } from '@nestjs/common';
import { ProfilesModule, RetentionModule } from '../../libs/plugin-api/src/server.js';
import { ServiceEndController } from './hallowerk.service-end.controller.js';
import { ServiceEndService } from './hallowerk.service-end.service.js';
import { BulkImportController } from './hallowerk.import.controller.js';
import { BulkImportService } from './hallowerk.import.service.js';

/** HalloWerk's own routes: the municipality's import of its residents and the end of a person's service. */
@Module({
  imports: [ProfilesModule, RetentionModule],
  controllers: [BulkImportController, ServiceEndController],
  providers: [BulkImportService, ServiceEndService],
})
export class HalloWerkModule {}
