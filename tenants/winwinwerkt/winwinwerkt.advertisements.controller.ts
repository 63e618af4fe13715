import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Public, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { AdvertisementParams, CreateAdvertisementDto } from './winwinwerkt.dto.js';
import { AdvertisementsService } from './winwinwerkt.advertisements.service.js';

@ApiTags('winwinwerkt')
@ForTenant('winwinwerkt')
@Controller('winwinwerkt/advertisements')
export class AdvertisementsController {
  constructor(private readonly ads: AdvertisementsService) {}

  /** WinWinWerkt's staff publish an advertiser's vacancy, with where to apply at the employer. */
  @Post()
  @ApiBearerAuth()
  @Roles('staff')
  create(@CurrentActor() actor: Actor, @Body() body: CreateAdvertisementDto) {
    return this.ads.create({ actor, input: body });
  }

  /** The site's published advertisements; anyone may read them. */
  @Get()
  @Public()
  list() {
    return this.ads.list();
  }

  @Get(':id')
  @Public()
  get(@Param() p: AdvertisementParams) {
    return this.ads.get(p.id);
  }
}
