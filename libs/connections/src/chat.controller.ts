import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ConnectionIdParams, ReadMessagesQuery, SendMessageDto } from './connections.dto.js';
import { ChatService } from './chat.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections/:id/messages')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Get()
  @Roles('employer', 'jobseeker', 'staff')
  async read(@CurrentActor() actor: Actor, @Param() params: ConnectionIdParams, @Query() query: ReadMessagesQuery) {
    return { items: await this.chat.read(actor, params.id, query) };
  }

  @Post()
  @Roles('employer', 'jobseeker')
  send(@CurrentActor() actor: Actor, @Param() params: ConnectionIdParams, @Body() body: SendMessageDto) {
    return this.chat.post(actor, params.id, body.body);
  }
}
