import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Public, RateLimited, Roles, attachmentDisposition, type Actor } from '../../libs/tenant-host/src/index.js';
import { callerOf } from './vdab-partners.access.js';
import { CredentialsService } from './vdab-partners.credentials.service.js';
import { DossiersService } from './vdab-partners.dossiers.service.js';
import { ActionDocumentsService } from './vdab-partners.documents.service.js';
import { ACTION_DOCUMENT_MAX_BYTES, ACTION_DOCUMENT_TYPES } from './vdab-partners.catalogue.js';
import { PartnerStaffService } from './vdab-partners.staff.service.js';
import { QualityReportService } from './vdab-partners.report.service.js';
import { ServiceUpdatesService } from './vdab-partners.updates.service.js';
import {
  ActionDocumentParams,
  ActionParams,
  AccountRequestDto,
  AccountRequestParams,
  AssignmentParams,
  CorrectOwnDataDto,
  StaffParams,
  CreateAssignmentDto,
  CreateCredentialDto,
  CreateDossierDto,
  CredentialParams,
  DossierParams,
  PartnerAdminParams,
  QualityReportQuery,
  ServiceUpdateDto,
  RecordActionDto,
} from './vdab-partners.dto.js';

const PLUGIN = 'vdab-partners';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'A key the partner system chooses per action (8 to 128 characters of A-Z, a-z, 0-9 and . _ : -). The same key again creates nothing and answers as the first time; the same key with another body is refused with 422.',
  example: 'crm-4711-2026-03-12-coaching',
};

/** The multipart body of an upload: one file, judged by its bytes. */
const DOCUMENT_BODY = {
  description: `One file in the form field \`file\`, at most ${ACTION_DOCUMENT_MAX_BYTES} bytes, of type ${ACTION_DOCUMENT_TYPES.join(', ')} (judged by its content, not its name). Refused with 413 (too large), 415 (not multipart/form-data), 422 (no file, empty, another type), each naming the field \`file\`.`,
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
} as const;

const download = (file: { bytes: Buffer; contentType: string; fileName: string }) =>
  new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length, disposition: attachmentDisposition(file.fileName) });

/** Dossiers and the actions in them. Controllers are thin: the services take the caller and the input. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly documents: ActionDocumentsService,
  ) {}

  @Delete(':dossierId')
  @Roles('staff')
  @ApiOperation({ summary: "Erase a jobseeker's dossier: its assignments, actions and attached documents (rows and files) go with it; the log keeps the id" })
  erase(@CurrentActor() actor: Actor, @Param() p: DossierParams) {
    return this.dossiers.eraseDossier(actor.accountId!, p.dossierId);
  }

  @Post(':dossierId/actions/:actionId/documents')
  @Roles('staff', 'partner')
  @ApiConsumes('multipart/form-data')
  @ApiBody(DOCUMENT_BODY)
  @ApiOperation({
    summary: "Attach a document to an action: partner staff to their own organisation's actions during an assignment, the service's staff to any",
    description: '201 with the document. 404 for a dossier outside an active assignment of the caller\'s organisation (logged and flagged), or an action not in this dossier; 422 naming `actionId` for another organisation\'s action.',
  })
  upload(@CurrentActor() actor: Actor, @Param() p: ActionParams, @Req() req: FastifyRequest) {
    return this.documents.upload({ caller: callerOf(actor), dossierId: p.dossierId, actionId: p.actionId, request: req });
  }

  @Get(':dossierId/actions/:actionId/documents')
  @Roles('staff', 'partner')
  @ApiOperation({ summary: "An action's documents, earlier partners' included (the organisation shown, never the staff member); else 404, logged and flagged" })
  listDocuments(@CurrentActor() actor: Actor, @Param() p: ActionParams) {
    return this.documents.list({ caller: callerOf(actor), dossierId: p.dossierId, actionId: p.actionId });
  }

  @Get(':dossierId/actions/:actionId/documents/:documentId')
  @Roles('staff', 'partner')
  @ApiProduces(...ACTION_DOCUMENT_TYPES)
  @ApiOperation({ summary: 'Download a document of an action (logged); else 404, logged and flagged' })
  async downloadDocument(@CurrentActor() actor: Actor, @Param() p: ActionDocumentParams) {
    return download(await this.documents.download({ caller: callerOf(actor), dossierId: p.dossierId, actionId: p.actionId, documentId: p.documentId }));
  }

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: "The service's staff create a jobseeker's dossier" })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDossierDto) {
    return this.dossiers.createDossier({ accountId: actor.accountId, input: body });
  }

  @Get(':dossierId')
  @Roles('staff', 'partner')
  @ApiOperation({ summary: 'A dossier with every action in it; a partner only during an active assignment of its organisation (else 404, logged and flagged)' })
  read(@CurrentActor() actor: Actor, @Param() p: DossierParams) {
    return this.dossiers.read(callerOf(actor), p.dossierId);
  }

  @Post(':dossierId/actions')
  @Roles('partner')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Partner staff register an action in a dossier of an active assignment' })
  async record(
    @CurrentActor() actor: Actor,
    @Param() p: DossierParams,
    @Body() body: RecordActionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const out = await this.dossiers.recordAction({ caller: callerOf(actor), dossierId: p.dossierId, input: body, idempotencyKey: key });
    res.status(out.replayed ? 200 : 201);
    return out.action;
  }
}

@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/assignments')
export class AssignmentsController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Link a partner organisation to a dossier for a period' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAssignmentDto) {
    return this.dossiers.createAssignment({ accountId: actor.accountId!, input: body });
  }

  @Post(':assignmentId/end')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ summary: "End an assignment now: the partner's access closes at once" })
  end(@CurrentActor() actor: Actor, @Param() p: AssignmentParams) {
    return this.dossiers.endAssignment(actor.accountId!, p.assignmentId);
  }
}

/** What a partner staff member sees about their own work. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/me')
export class MyWorkController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly staff: PartnerStaffService,
  ) {}

  @Get('log')
  @Roles('partner')
  @ApiOperation({ summary: 'My own log entries: which dossier, when, what, and whether it was allowed' })
  log(@CurrentActor() actor: Actor) {
    return this.dossiers.myLog(actor.accountId!);
  }

  @Get('assignments')
  @Roles('partner')
  @ApiOperation({ summary: "My organisation's active assignments: the dossiers I may open now" })
  assignments(@CurrentActor() actor: Actor) {
    return this.dossiers.activeAssignments(actor.orgUnitIds);
  }

  @Get()
  @Roles('partner')
  @ApiOperation({ summary: 'My own identification and contact data, my organisation, and whether I administer it' })
  me(@CurrentActor() actor: Actor) {
    return this.staff.me(actor);
  }

  @Patch()
  @Roles('partner')
  @ApiOperation({ summary: 'Correct my own data' })
  correct(@CurrentActor() actor: Actor, @Body() body: CorrectOwnDataDto) {
    return this.staff.correct(actor, body);
  }
}

/** Access to the partner environment: requests by the partner, decisions by the service. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/account-requests')
export class AccountRequestsController {
  constructor(private readonly staff: PartnerStaffService) {}

  @Post()
  @Roles('partner')
  @ApiOperation({ summary: 'Request an account for a colleague of my organisation' })
  request(@CurrentActor() actor: Actor, @Body() body: AccountRequestDto) {
    return this.staff.request(actor, body);
  }

  @Get()
  @Roles('staff')
  @ApiOperation({ summary: 'Pending account requests, for the service to decide' })
  pending() {
    return this.staff.pending();
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ summary: 'Approve: the account is created and its holder invited to choose a password' })
  approve(@Param() p: AccountRequestParams) {
    return this.staff.decide(p.requestId, 'approved');
  }

  @Post(':requestId/refuse')
  @HttpCode(200)
  @Roles('staff')
  refuse(@Param() p: AccountRequestParams) {
    return this.staff.decide(p.requestId, 'refused');
  }
}

/** A partner admin's own organisation's staff. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/organisation/staff')
export class OrganisationStaffController {
  constructor(private readonly staff: PartnerStaffService) {}

  @Get()
  @Roles('partner')
  list(@CurrentActor() actor: Actor) {
    return this.staff.staff(actor);
  }

  @Post(':accountId/revoke')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({ summary: "Revoke a staff member's access: the account stops at its next request" })
  revoke(@CurrentActor() actor: Actor, @Param() p: StaffParams) {
    return this.staff.revoke(actor, p.accountId);
  }
}

/** A partner organisation's machine credentials, managed by its partner admin. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @Roles('partner')
  @ApiOperation({ summary: 'Create a machine credential for my organisation; the secret is shown in this answer only' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCredentialDto) {
    // Without a form key every call makes a credential; `repeated` only means something to the portal.
    const { repeated: _repeated, ...created } = await this.credentials.create(actor, body.label);
    return created;
  }

  @Get()
  @Roles('partner')
  list(@CurrentActor() actor: Actor) {
    return this.credentials.list(actor);
  }

  @Post(':credentialId/revoke')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({ summary: 'Revoke a credential: it stops working at its next request' })
  revoke(@CurrentActor() actor: Actor, @Param() p: CredentialParams) {
    return this.credentials.revoke(actor, p.credentialId);
  }
}

@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/organisations')
export class PartnerAdminsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Put(':organisationId/admins/:accountId')
  @Roles('staff')
  @ApiOperation({ summary: "Name a partner account its organisation's partner admin" })
  grant(@Param() p: PartnerAdminParams) {
    return this.credentials.grantAdmin(p.organisationId, p.accountId);
  }
}

/**
 * The partners' systems: an action submitted with the organisation's machine credential. Public
 * to the session guard (a machine has no session); the credential is checked here at every call.
 */
@ApiTags('vdab-partners')
@ForTenant(PLUGIN)
@Controller('vdab/api')
export class PartnerApiController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly credentials: CredentialsService,
    private readonly documents: ActionDocumentsService,
  ) {}

  @Post('dossiers/:dossierId/actions/:actionId/documents')
  @Public()
  @RateLimited('machine-credentials')
  @ApiHeader({ name: 'X-Api-Key', required: true, description: "The partner organisation's machine credential", example: 'vdabp_0f3c…' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(DOCUMENT_BODY)
  @ApiOperation({
    summary: "Attach a document to one of the organisation's actions from the partner's own system (machine credential)",
    description:
      "201 with the document. 404 for a dossier without an active assignment of the credential's organisation (logged and flagged); 422 naming `actionId` for another organisation's action; 401 for a revoked credential.",
  })
  async upload(@Param() p: ActionParams, @Headers('x-api-key') secret: string | undefined, @Req() req: FastifyRequest) {
    const caller = await this.credentials.authenticate(secret);
    return this.documents.upload({ caller, dossierId: p.dossierId, actionId: p.actionId, request: req });
  }

  @Post('dossiers/:dossierId/actions')
  @Public()
  @RateLimited('machine-credentials')
  @ApiHeader({ name: 'X-Api-Key', required: true, description: "The partner organisation's machine credential", example: 'vdabp_0f3c…' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({
    type: RecordActionDto,
    examples: {
      coaching: {
        summary: 'A coaching session from the partner CRM',
        value: { type: 'coaching-session', date: '2026-03-12', outcome: 'completed', notes: 'CV herwerkt; twee vacatures besproken.' },
      },
    },
  })
  @ApiOperation({
    summary: "Submit an action from the partner's own system (machine credential, idempotent)",
    description:
      'Answers 201 with the action; the same Idempotency-Key again answers 200 with the same action and creates nothing. 404 for a dossier without an active assignment of the credential\'s organisation (logged and flagged); 401 for a revoked credential.',
  })
  async record(
    @Param() p: DossierParams,
    @Body() body: RecordActionDto,
    @Headers('x-api-key') secret: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const caller = await this.credentials.authenticate(secret);
    const out = await this.dossiers.recordAction({ caller, dossierId: p.dossierId, input: body, idempotencyKey: key });
    res.status(out.replayed ? 200 : 201);
    return out.action;
  }
}

/** The service's inspectors: the quality report per partner organisation and period. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/reports/quality')
export class QualityReportController {
  constructor(private readonly reports: QualityReportService) {}

  @Get()
  @Roles('staff')
  @ApiOperation({ summary: 'Assignments, actions per assignment, time to first action, dossiers opened and flagged attempts of one partner organisation in a period' })
  async report(@Query() q: QualityReportQuery) {
    return new StreamableFile(await this.reports.report(q), { type: 'application/json; charset=utf-8' });
  }

  @Get('csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same report as CSV' })
  async csv(@Query() q: QualityReportQuery) {
    return new StreamableFile(await this.reports.csv(q), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="kwaliteitsrapport.csv"',
    });
  }
}

/** The service keeps partner staff informed by mail, in a category they can unsubscribe from. */
@ApiTags('vdab-partners')
@ApiBearerAuth()
@ForTenant(PLUGIN)
@Controller('vdab/service-updates')
export class ServiceUpdatesController {
  constructor(private readonly updates: ServiceUpdatesService) {}

  @Post()
  @HttpCode(202)
  @Roles('staff')
  @ApiOperation({ summary: 'Mail a service update to every active partner staff member (not to those who unsubscribed)' })
  send(@Body() body: ServiceUpdateDto) {
    return this.updates.send(body);
  }
}
