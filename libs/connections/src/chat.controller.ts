import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/src/index.js';
import { ConnectionIdParams, ReadMessagesQuery, SendMessageDto } from './connections.dto.js';
import { ChatService } from './chat.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections/:id/messages')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Get()
  @Roles('employer', 'jobseeker', 'staff')
  async read(@Param() params: ConnectionIdParams, @Query() query: ReadMessagesQuery) {
    return { items: await this.chat.read(params.id, query) };
  }

  @Post()
  @Roles('employer', 'jobseeker')
  send(@Param() params: ConnectionIdParams, @Body() body: SendMessageDto) {
    return this.chat.post(params.id, body.body);
  }
}
