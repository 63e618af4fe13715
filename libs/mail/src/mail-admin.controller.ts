import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { MailMessagesQuery, TemplatePreviewQuery } from './mail.dto.js';
import { UnknownTemplateError } from './mail-template.errors.js';
import { MailRecordsService } from './mail-records.service.js';
import { MailTemplatesService } from './mail-templates.service.js';

/** For the tenant's administrators: what mail the tenant sends, how it looks, and what went out. */
@ApiTags('mail')
@ApiBearerAuth()
@Controller('mail')
export class MailAdminController {
  constructor(
    private readonly templates: MailTemplatesService,
    private readonly registry: TenantRegistry,
    private readonly records: MailRecordsService,
  ) {}

  @Get('templates')
  @Roles('tenant-admin')
  list() {
    return { items: this.templates.catalogue(this.registry.current()) };
  }

  /** A template rendered with its sample data, in a locale (the fallback chain applies). */
  @Get('templates/:key/preview')
  @Roles('tenant-admin')
  preview(@Param('key') key: string, @Query() query: TemplatePreviewQuery) {
    try {
      const t = this.templates.resolve(this.registry.current(), key, query.locale, query.brand);
      return { key: t.key, locale: t.locale, category: t.category, origin: t.origin, brand: t.brand, ...this.templates.renderSample(t) };
    } catch (err) {
      if (err instanceof UnknownTemplateError) throw new NotFoundException(err.message);
      throw err;
    }
  }

  /** The record of mail: metadata only, never a body. */
  @Get('messages')
  @Roles('tenant-admin')
  async messages(@Query() query: MailMessagesQuery) {
    return { items: await this.records.list(query) };
  }
}
