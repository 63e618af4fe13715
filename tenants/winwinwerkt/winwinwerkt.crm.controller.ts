import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ForTenant, Public, Roles, rateLimitRoute } from '../../libs/tenant-host/src/index.js';
import { ContactFormDto, CreateRelationDto, CrmErasureDto, NewsletterDto, RelationParams } from './winwinwerkt.dto.js';
import { CrmService } from './winwinwerkt.crm.service.js';

// Forms strangers fill in: limited per client and per address, like registration.
rateLimitRoute('POST /winwinwerkt/contact', 'registration');
rateLimitRoute('POST /winwinwerkt/newsletter', 'registration');

@ApiTags('winwinwerkt')
@ForTenant('winwinwerkt')
@Controller('winwinwerkt')
export class CrmController {
  constructor(private readonly crm: CrmService) {}

  /** The contact form of the site the request is on (a label's or WinWinWerkt's own). */
  @Post('contact')
  @HttpCode(202)
  @Public()
  contact(@Body() body: ContactFormDto) {
    return this.crm.contact(body);
  }

  /** Newsletter sign-up: records how the person opted in (form, label, date, text shown). */
  @Post('newsletter')
  @HttpCode(201)
  @Public()
  subscribe(@Body() body: NewsletterDto) {
    return this.crm.subscribe(body);
  }

  @Post('relations')
  @ApiBearerAuth()
  @Roles('staff')
  create(@Body() body: CreateRelationDto) {
    return this.crm.createRelation(body);
  }

  @Post('relations/:id/end')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('staff')
  end(@Param() p: RelationParams) {
    return this.crm.endRelation(p.id);
  }

  @Delete('relations/:id')
  @ApiBearerAuth()
  @Roles('staff')
  remove(@Param() p: RelationParams) {
    return this.crm.deleteRelation(p.id);
  }

  /** Deletion on request of everything kept under an address (contact form, newsletter, relations). */
  @Post('crm-erasures')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('staff')
  erase(@Body() body: CrmErasureDto) {
    return this.crm.eraseAddress(body.email);
  }
}
