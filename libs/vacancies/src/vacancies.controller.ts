import { Controller, Get, Header, Query } from '@nestjs/common';
import { Public } from '../../auth/src/index.js';
import { VacancySearchQuery } from './vacancy.dto.js';
import { VacancySearchService } from './vacancy-search.service.js';
import { UuidParam } from './uuid-param.js';

/** The tenant site's public vacancy listing: anyone, signed in or not. */
@Controller('vacancies')
export class VacanciesController {
  constructor(private readonly search: VacancySearchService) {}

  @Get()
  @Public()
  list(@Query() query: VacancySearchQuery) {
    return this.search.search(query);
  }

  @Get(':id')
  @Public()
  get(@UuidParam('id') id: string) {
    return this.search.get(id);
  }

  @Get(':id/jobposting.jsonld')
  @Public()
  @Header('content-type', 'application/ld+json; charset=utf-8')
  async jobPosting(@UuidParam('id') id: string) {
    return (await this.search.get(id)).jsonLd;
  }
}
