import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../../../libs/tenant-host/src/index.js';
import { ForRefugeeWork } from './tenant-key.js';
import { DeleteAccountDto } from './own-account.dto.js';
import { OwnAccountService } from './own-account.service.js';

@ApiTags('refugeework')
@ApiBearerAuth()
@ForRefugeeWork()
@Controller('refugeework/account')
export class OwnAccountController {
  constructor(private readonly account: OwnAccountService) {}

  @Get('data')
  @Roles('jobseeker', 'employer')
  data(@CurrentActor() actor: Actor) {
    return this.account.data(actor);
  }

  @Post('deletion')
  @HttpCode(200)
  @Roles('jobseeker')
  delete(@CurrentActor() actor: Actor, @Body() _body: DeleteAccountDto) {
    return this.account.delete(actor);
  }
}
