import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { ServiceEndParams } from './hallowerk.service-end.dto.js';
import { CoachMessageDto } from './hallowerk.coach-messages.dto.js';
import { CoachMessagesService } from './hallowerk.coach-messages.service.js';

/** A coach's personal mail to a jobseeker they support. */
@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/people/:personId/messages')
export class CoachMessagesController {
  constructor(private readonly messages: CoachMessagesService) {}

  @Post()
  @HttpCode(202)
  @Roles('staff')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A key the client chooses per mail (8 to 128 characters of A-Z, a-z, 0-9 and . _ : -): sent again, it queues nothing new and answers 200.',
  })
  @ApiOperation({ summary: "The person's coach (own municipality, or an authorised execution organisation) mails them personally; 404 for anyone else in staff" })
  async send(
    @CurrentActor() actor: Actor,
    @Param() p: ServiceEndParams,
    @Body() body: CoachMessageDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const sent = await this.messages.send({ sender: actor, personId: p.personId, input: body, idempotencyKey: key });
    if (sent.repeated) res.status(200);
    return sent;
  }
}
