import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { Roles } from '../../auth/src/access.decorators.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry } from './tenant-registry.js';
import { TenantSettingsService } from './tenant-settings.service.js';

class SettingValueDto {
  @IsDefined()
  value: unknown;
}

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class TenantSettingsController {
  constructor(
    private readonly settings: TenantSettingsService,
    private readonly registry: TenantRegistry,
  ) {}

  /** The tenant's adjustable policies: declaration (bounds) and current value. */
  @Get()
  @Roles('tenant-admin')
  async list() {
    const values = await this.settings.all();
    return { items: this.registry.current().settings.map((s) => ({ ...s, value: values[s.key] })) };
  }

  @Put(':key')
  @Roles('tenant-admin')
  async set(@Param('key') key: string, @Body() body: SettingValueDto) {
    return { values: await this.settings.set(RequestContext.actor(), key, body.value) };
  }
}
