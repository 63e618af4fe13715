import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { CurrentActor, Roles } from '../../auth/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { CreateVacancyDto, UpdateVacancyDto } from './vacancy.dto.js';
import { VacanciesService } from './vacancies.service.js';
import { VACANCY_STATUSES, type VacancyStatus } from './vacancy-options.js';
import { UuidParam } from './uuid-param.js';
import { Optional } from '../../http/src/index.js';

class ManagedVacanciesQuery {
  @Optional()
  @IsIn(VACANCY_STATUSES)
  status?: VacancyStatus;

  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @Optional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Where employers (their own organisation only) and tenant staff write vacancies. */
@Controller('manage/vacancies')
export class ManageVacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Get()
  @Roles('employer', 'staff', 'tenant-admin')
  list(@CurrentActor() actor: Actor, @Query() query: ManagedVacanciesQuery) {
    return this.vacancies.listManaged(actor, query);
  }

  @Get(':id')
  @Roles('employer', 'staff', 'tenant-admin')
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.vacancies.getManaged(actor, id);
  }

  @Post()
  @Roles('employer', 'staff', 'tenant-admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreateVacancyDto) {
    return this.vacancies.create(actor, body);
  }

  @Patch(':id')
  @Roles('employer', 'staff', 'tenant-admin')
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateVacancyDto) {
    return this.vacancies.update(actor, id, body);
  }
}
