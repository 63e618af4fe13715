import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/tenant-host/src/index.js';
import { ForRefugeeWork } from './tenant-key.js';
import { ContactParams, ContractEndDto } from './business-contracts.dto.js';
import { BusinessContractsService } from './business-contracts.service.js';

@ApiTags('refugeework')
@ApiBearerAuth()
@ForRefugeeWork()
@Controller('refugeework/business-contacts/:accountId/contract-end')
export class BusinessContractsController {
  constructor(private readonly contracts: BusinessContractsService) {}

  @Post()
  @HttpCode(200)
  @Roles('staff')
  ended(@Param() p: ContactParams, @Body() body: ContractEndDto) {
    return this.contracts.ended(p.accountId, body.endedOn);
  }

  @Delete()
  @HttpCode(204)
  @Roles('staff')
  async renewed(@Param() p: ContactParams): Promise<void> {
    await this.contracts.renewed(p.accountId);
  }
}
