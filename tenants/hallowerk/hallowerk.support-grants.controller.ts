import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, OrgUnitDelegationsService, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { GrantParams, MunicipalityParams } from './hallowerk.delegated-access.dto.js';
import { GrantSupportAccessDto } from './hallowerk.support-grants.dto.js';

/**
 * Statement 004: "Medewerkers van de bedrijven die de ICT leveren voor HalloWerk kunnen voor
 * beheerdoeleinden jouw gegevens zien." Only while the municipality grants its support team access
 * for a short, dated period (at most 14 days), revocable, every use audited.
 */
@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/municipalities/:municipalityId/support-grants')
export class SupportGrantsController {
  constructor(private readonly delegations: OrgUnitDelegationsService) {}

  @Post()
  @Roles('staff')
  grant(@CurrentActor() actor: Actor, @Param() p: MunicipalityParams, @Body() body: GrantSupportAccessDto) {
    return this.delegations.grant({
      actor,
      grantorOrgUnitId: p.municipalityId,
      delegateOrgUnitId: body.supportTeamId,
      purpose: 'support',
      validFrom: body.validFrom,
      validUntil: body.validUntil,
    });
  }

  @Get()
  @Roles('staff')
  async list(@CurrentActor() actor: Actor, @Param() p: MunicipalityParams) {
    const all = await this.delegations.list({ actor, grantorOrgUnitId: p.municipalityId });
    return { items: all.filter((d) => d.purpose === 'support') };
  }

  @Delete(':grantId')
  @HttpCode(200)
  @Roles('staff')
  revoke(@CurrentActor() actor: Actor, @Param() p: GrantParams) {
    return this.delegations.revoke({ actor, grantorOrgUnitId: p.municipalityId, delegationId: p.grantId, purpose: 'support' });
  }
}
