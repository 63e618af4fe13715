import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { Roles } from '../../auth/src/index.js';
import { EmployerManagersService } from './employer-managers.service.js';
import { UuidParam } from './uuid-param.js';

/** Staff designate which employer accounts manage their organisation (and so see its applications). */
@Controller('employers/:orgUnitId/managers')
export class EmployerManagersController {
  constructor(private readonly managers: EmployerManagersService) {}

  @Get()
  @Roles('staff', 'tenant-admin')
  list(@UuidParam('orgUnitId') orgUnitId: string) {
    return this.managers.list(orgUnitId);
  }

  @Put(':accountId')
  @Roles('staff', 'tenant-admin')
  @HttpCode(204)
  designate(@UuidParam('orgUnitId') orgUnitId: string, @UuidParam('accountId') accountId: string) {
    return this.managers.designate(orgUnitId, accountId);
  }

  @Delete(':accountId')
  @Roles('staff', 'tenant-admin')
  @HttpCode(204)
  revoke(@UuidParam('orgUnitId') orgUnitId: string, @UuidParam('accountId') accountId: string) {
    return this.managers.revoke(orgUnitId, accountId);
  }
}
