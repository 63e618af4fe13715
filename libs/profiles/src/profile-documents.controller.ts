import { Controller, Delete, Get, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Public, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ProfileDocumentsService } from './profile-documents.service.js';
import { attachmentDisposition as attachment } from './document-upload.js';
import { ProfileRefParam, UuidParam } from './dto/uuid-param.pipe.js';

@ApiTags('profiles')
@ApiBearerAuth()
@Controller('profiles')
export class ProfileDocumentsController {
  constructor(private readonly documents: ProfileDocumentsService) {}

  @Post('me/documents/:fieldKey')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'One file, checked on its bytes against the field\'s accepted types and the tenant\'s size limit',
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @Roles('jobseeker')
  upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Param('fieldKey') fieldKey: string) {
    return this.documents.upload(actor, req, fieldKey);
  }

  @Delete('me/documents/:docId')
  @HttpCode(204)
  @Roles('jobseeker')
  async remove(@CurrentActor() actor: Actor, @Param('docId', new UuidParam('docId')) docId: string): Promise<void> {
    await this.documents.deleteOwn(actor, docId);
  }

  @Get(':id/documents')
  @Public()
  list(@CurrentActor() actor: Actor, @Param('id', new ProfileRefParam('id')) id: string) {
    return this.documents.list(actor, id);
  }

  @Get(':id/documents/:docId')
  @Public()
  async download(@CurrentActor() actor: Actor, @Param('id', new ProfileRefParam('id')) id: string, @Param('docId', new UuidParam('docId')) docId: string) {
    const file = await this.documents.download(actor, id, docId);
    return new StreamableFile(file.bytes, {
      type: file.contentType,
      length: file.bytes.length,
      disposition: attachment(file.fileName),
    });
  }
}
