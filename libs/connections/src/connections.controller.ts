import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/src/index.js';
import { ConnectionIdParams, PersonIdParams, RequestConnectionDto } from './connections.dto.js';
import { ConnectionsService, publicShape } from './connections.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @Roles('employer')
  async request(@Body() body: RequestConnectionDto) {
    return publicShape(await this.connections.request(body));
  }

  @Get()
  @Roles('employer', 'jobseeker')
  async list() {
    return { items: await this.connections.list() };
  }

  @Get('people/:personId')
  @Roles('staff')
  async ofPerson(@Param() params: PersonIdParams) {
    return { items: await this.connections.listForPerson(params.personId) };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('jobseeker')
  async accept(@Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.accept(params.id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('jobseeker')
  async decline(@Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.decline(params.id));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('employer', 'jobseeker')
  async withdraw(@Param() params: ConnectionIdParams) {
    return publicShape(await this.connections.withdraw(params.id));
  }
}
