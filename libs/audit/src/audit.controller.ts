import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min, Matches } from 'class-validator';
import { Type } from 'class-transformer';
import { Roles } from '../../auth/src/access.decorators.js';
import { AuditService } from './audit.service.js';
import { Optional } from '../../http/src/index.js';

class AuditQuery {
  @Optional()
  @IsUUID()
  subjectId?: string;

  @Optional()
  @IsUUID()
  actorId?: string;

  /** Only entries of this processing activity of the register (e.g. `candidate-search`). */
  @Optional()
  @Matches(/^[a-z][a-z0-9-]{2,60}$/)
  processingActivity?: string;

  /** Keyset cursor: the id of the last entry seen. */
  @Optional()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Who did what to which dossier, for the tenant's administrators. */
  @Get()
  @Roles('tenant-admin')
  async list(@Query() query: AuditQuery) {
    const items = await this.audit.list(query);
    return { items, next: items.length ? items[items.length - 1].id : null };
  }
}
