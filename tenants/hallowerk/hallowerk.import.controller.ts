import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/plugin-api/src/server.js';
import { BulkImportService } from './hallowerk.import.service.js';
import { ImportJobseekersDto } from './hallowerk.import.dto.js';

@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/imports')
export class BulkImportController {
  constructor(private readonly imports: BulkImportService) {}

  /** A municipality's staff enrol their residents; `dryRun` reports every row's problems and writes nothing. */
  @Post()
  @HttpCode(200)
  @Roles('staff')
  run(@CurrentActor() actor: Actor, @Body() body: ImportJobseekersDto) {
    return this.imports.run({ actor, csv: body.csv, dryRun: body.dryRun ?? false });
  }
}
