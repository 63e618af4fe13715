import { Module } from '@nestjs/common';
import { ProfilesModule } from '../../libs/plugin-api/src/server.js';
import { BulkImportController } from './hallowerk.import.controller.js';
import { BulkImportService } from './hallowerk.import.service.js';

/** HalloWerk's own routes: the municipality's import of its residents. */
@Module({
  imports: [ProfilesModule],
  controllers: [BulkImportController],
  providers: [BulkImportService],
})
export class HalloWerkModule {}
