import { Body, Controller, Get, Patch, Post, StreamableFile } from '@nestjs/common';
import { Authenticated, CurrentActor, Roles } from '../../../auth/src/index.js';
import type { Actor } from '../../../context/src/index.js';
import { UuidParam } from '../uuid-param.js';
import { ApplyDto, ChangeApplicationStatusDto } from './application.dto.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationDocumentsService } from './application-documents.service.js';

/** RFC 6266: an ASCII fallback plus the exact name, so no header injection and no mangled names. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Routes open to any signed-in account on purpose: who may see an application depends on the
 * application (its vacancy's contacts, the employer's managers, staff, the applicant), so the
 * service decides and answers 404 to everyone else.
 */
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: ApplicationDocumentsService,
  ) {}

  @Post('vacancies/:id/applications')
  @Roles('jobseeker')
  apply(@CurrentActor() actor: Actor, @UuidParam('id') vacancyId: string, @Body() body: ApplyDto) {
    return this.applications.apply(actor, vacancyId, body);
  }

  @Get('vacancies/:id/applications')
  @Roles('employer', 'staff')
  listForVacancy(@CurrentActor() actor: Actor, @UuidParam('id') vacancyId: string) {
    return this.applications.listForVacancy(actor, vacancyId);
  }

  @Get('me/applications')
  @Roles('jobseeker')
  async mine(@CurrentActor() actor: Actor) {
    return { items: await this.applications.listMine(actor) };
  }

  @Get('applications/:id')
  @Authenticated()
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.applications.get(actor, id);
  }

  @Patch('applications/:id/status')
  @Roles('employer', 'staff')
  changeStatus(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ChangeApplicationStatusDto) {
    return this.applications.changeStatus(actor, id, body.status);
  }

  @Post('applications/:id/withdraw')
  @Roles('jobseeker')
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.applications.withdraw(actor, id);
  }

  @Get('applications/:id/documents/:documentId')
  @Authenticated()
  async document(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('documentId') documentId: string) {
    const file = await this.documents.download(actor, id, documentId);
    return new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length, disposition: attachment(file.fileName) });
  }
}
