import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ConnectionIdParams, PersonIdParams, RequestConnectionDto } from './connections.dto.js';
import { ConnectionsService, publicShape } from './connections.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @Roles('employer')
  async request(@CurrentActor() actor: Actor, @Body() body: RequestConnectionDto) {
    return publicShape(await this.connections.request(actor, body));
  }

  @Get()
  @Roles('employer', 'jobseeker')
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.connections.list(actor) };
  }

  @Get('people/:personId')
  @Roles('staff')
  async ofPerson(@CurrentActor() actor: Actor, @Param() params: PersonIdParams) {
    return { items: await this.connections.listForPerson(actor, params.personId) };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('jobseeker')
  async accept(@CurrentActor() actor: Actor, @Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.accept(actor, params.id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('jobseeker')
  async decline(@CurrentActor() actor: Actor, @Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.decline(actor, params.id));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('employer', 'jobseeker')
  async withdraw(@CurrentActor() actor: Actor, @Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.withdraw(actor, params.id));
  }
}
