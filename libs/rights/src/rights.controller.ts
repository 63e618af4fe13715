import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public, Roles } from '../../auth/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { attachmentDisposition } from '../../profiles/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { DossierOpenings } from './dossier-openings.service.js';
import { PersonOverview } from './person-overview.service.js';
import { RightsByEmail } from './rights-by-email.service.js';
import { processingRegister, registerHtml } from './processing-register.js';
import {
  EnterRightsRequestDto,
  ConfirmByEmailDto,
  ExtendRightsRequestDto,
  LiftRestrictionDto,
  OverviewQueryDto,
  RequestByEmailDto,
  RightsListQueryDto,
  RightsStatusDto,
  SubmitOwnRightsRequestDto,
} from './rights.dto.js';
import { RightsExports } from './rights-exports.service.js';
import { RightsRequestsService } from './rights-requests.service.js';

/** The platform tenant holds no candidates: it takes no requests and publishes no register. */
function definedTenant(registry: TenantRegistry): void {
  if (!registry.has(RequestContext.tenant().plugin))
    throw new NotFoundException('this tenant keeps no personal data of candidates');
}

@ApiTags('rights')
@ApiBearerAuth()
@Controller('rights')
export class RightsController {
  constructor(
    private readonly requests: RightsRequestsService,
    private readonly exports: RightsExports,
    private readonly openings: DossierOpenings,
    private readonly overview: PersonOverview,
    private readonly byEmail: RightsByEmail,
    private readonly registry: TenantRegistry,
  ) {}

  /** The person's own request (art. 15 to 21), signed in. */
  @Post('requests/me')
  @Authenticated()
  submit(@Body() body: SubmitOwnRightsRequestDto) {
    definedTenant(this.registry);
    return this.requests.submit({
      actor: RequestContext.actor(),
      kind: body.kind,
      details: body.details,
      purpose: body.purpose,
    });
  }

  /**
   * For a person who cannot sign in: a confirmation link goes to the account's address, and the
   * request exists once it is used. The same answer whatever the address.
   */
  @Post('requests/by-email')
  @HttpCode(202)
  @Public()
  requestByEmail(@Body() body: RequestByEmailDto) {
    return this.byEmail.request({ email: body.email, kind: body.kind, details: body.details });
  }

  /** The mailed link's token: creates the request, identity verified by the mailbox. Works once. */
  @Post('requests/confirm')
  @Public()
  confirmByEmail(@Body() body: ConfirmByEmailDto) {
    definedTenant(this.registry);
    return this.byEmail.confirm(body.token);
  }

  @Get('requests/me')
  @Authenticated()
  mine() {
    definedTenant(this.registry);
    return this.requests.mine(RequestContext.actor().accountId!);
  }

  /** Which organisations and roles opened the caller's dossier, and when. */
  @Get('dossier-openings/me')
  @Authenticated()
  openedMine() {
    definedTenant(this.registry);
    return this.openings.list(null, RequestContext.actor().accountId!);
  }

  /**
   * Everything about the caller on one page: what is held and why, who may see it, the consents in
   * force, when each part goes and under which rule, and how often others opened the dossier.
   */
  @Get('overview/me')
  @Authenticated()
  overviewOfMine(@Query() q: OverviewQueryDto) {
    definedTenant(this.registry);
    return this.overview.of(RequestContext.actor().accountId!, q.locale);
  }

  /** How far the copy of the caller's data for one of their requests has been built. */
  @Get('requests/me/:id/export')
  @Authenticated()
  exportProgress(@Param('id', new ParseUUIDPipe()) id: string) {
    definedTenant(this.registry);
    return this.exports.progressOf(RequestContext.actor().accountId!, id);
  }

  /** The copy of the caller's data as one ZIP archive, once, while the mailed link is valid. */
  @Get('exports/:token')
  @Authenticated()
  @ApiProduces('application/zip')
  async download(@Param('token') token: string) {
    definedTenant(this.registry);
    const file = await this.exports.download(RequestContext.actor().accountId!, token);
    return new StreamableFile(file.stream, {
      type: 'application/zip',
      disposition: attachmentDisposition(file.fileName),
    });
  }

  /** A request received by post, phone, e-mail or in person. */
  @Post('requests')
  @Roles('staff', 'tenant-admin')
  enter(@Body() body: EnterRightsRequestDto) {
    return this.requests.enter({ actor: RequestContext.actor(), ...body });
  }

  /** Open requests by due date with the days left; `overdue=true` lists only those past it. */
  @Get('requests')
  @Roles('staff', 'tenant-admin')
  list(@Query() q: RightsListQueryDto) {
    return this.requests.list(RequestContext.actor(), {
      overdue: q.overdue === 'true',
      personId: q.personId,
    });
  }

  @Get('requests/:id')
  @Roles('staff', 'tenant-admin')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.requests.get(RequestContext.actor(), id);
  }

  @Post('requests/:id/status')
  @HttpCode(200)
  @Roles('staff', 'tenant-admin')
  transition(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RightsStatusDto) {
    return this.requests.transition({
      actor: RequestContext.actor(),
      requestId: id,
      to: body.status,
      reason: body.reason,
    });
  }

  @Post('requests/:id/extension')
  @HttpCode(200)
  @Roles('staff', 'tenant-admin')
  extend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ExtendRightsRequestDto) {
    return this.requests.extend({
      actor: RequestContext.actor(),
      requestId: id,
      reason: body.reason,
    });
  }

  /** Whether the person's processing is restricted by an objection or restriction, and by which requests. */
  @Get('people/:personId/processing')
  @Roles('staff', 'tenant-admin')
  processing(@Param('personId', new ParseUUIDPipe()) personId: string) {
    return this.requests.processing(RequestContext.actor(), personId);
  }

  /**
   * Announces the lift of what upheld objections and restrictions put on the person's processing
   * (deciders only): mailed to the person, in effect after the tenant's notice (art. 18(3)); the
   * answer is still `restricted: true`, with `liftsOn`.
   */
  @Post('people/:personId/processing')
  @HttpCode(200)
  @Roles('staff', 'tenant-admin')
  lift(@Param('personId', new ParseUUIDPipe()) personId: string, @Body() body: LiftRestrictionDto) {
    return this.requests.liftRestriction({
      actor: RequestContext.actor(),
      personId,
      reason: body.reason,
    });
  }

  /** Withdraws an announced lift before it takes effect (deciders only): the person stays restricted. */
  @Delete('people/:personId/processing/lift')
  @HttpCode(200)
  @Roles('staff', 'tenant-admin')
  cancelLift(@Param('personId', new ParseUUIDPipe()) personId: string) {
    return this.requests.cancelLift({ actor: RequestContext.actor(), personId });
  }

  /** The record of processing activities (GDPR art. 30), generated from the tenant's declaration. */
  @Get('register')
  @Public()
  register() {
    definedTenant(this.registry);
    return processingRegister(this.registry.current());
  }

  @Get('register.html')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  registerPage() {
    definedTenant(this.registry);
    return registerHtml(processingRegister(this.registry.current()));
  }
}
