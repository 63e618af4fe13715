import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, OrgUnitDelegationsService, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { GrantParams, MunicipalityParams } from './hallowerk.delegated-access.dto.js';
import { AuthoriseExecutionOrganisationDto } from './hallowerk.execution-authorisations.dto.js';

/**
 * Statement 004: "medewerkers van een eventuele uitvoeringsorganisatie … die in opdracht van jouw
 * eigen gemeente HalloWerk uitvoeren. Wie er autorisatie krijgt wordt door jouw eigen gemeente
 * geregeld." The municipality's own staff authorise an execution organisation for a dated period.
 */
@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/municipalities/:municipalityId/execution-authorisations')
export class ExecutionAuthorisationsController {
  constructor(private readonly delegations: OrgUnitDelegationsService) {}

  @Post()
  @Roles('staff')
  authorise(@CurrentActor() actor: Actor, @Param() p: MunicipalityParams, @Body() body: AuthoriseExecutionOrganisationDto) {
    return this.delegations.grant({
      actor,
      grantorOrgUnitId: p.municipalityId,
      delegateOrgUnitId: body.organisationId,
      purpose: 'execution',
      validFrom: body.validFrom,
      validUntil: body.validUntil,
    });
  }

  @Get()
  @Roles('staff')
  async list(@CurrentActor() actor: Actor, @Param() p: MunicipalityParams) {
    const all = await this.delegations.list({ actor, grantorOrgUnitId: p.municipalityId });
    return { items: all.filter((d) => d.purpose === 'execution') };
  }

  @Delete(':grantId')
  @HttpCode(200)
  @Roles('staff')
  revoke(@CurrentActor() actor: Actor, @Param() p: GrantParams) {
    return this.delegations.revoke({ actor, grantorOrgUnitId: p.municipalityId, delegationId: p.grantId, purpose: 'execution' });
  }
}
