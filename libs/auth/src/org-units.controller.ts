import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID, Matches } from 'class-validator';
import { Optional, Text } from '../../http/src/index.js';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../plugin-api/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Roles } from './access.decorators.js';
import { OrgUnitsService } from './org-units.service.js';

class CreateOrgUnitDto {
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/)
  key: string;

  @Text(1, 200)
  name: string;

  @IsIn(ORG_UNIT_KINDS)
  kind: OrgUnitKind;

  @Optional()
  @IsUUID()
  parentId?: string;

  @Optional()
  @IsBoolean()
  candidateBankAccess?: boolean;
}

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles('tenant-admin')
  async create(@Body() body: CreateOrgUnitDto) {
    const unit = await this.units.create(body);
    await this.audit.record({ action: 'org-unit.create', subjectType: 'org-unit', subjectId: unit.id });
    return unit;
  }

  @Get()
  @Roles('tenant-admin', 'staff')
  async list() {
    return { items: await this.units.list() };
  }
}
