import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock, OrgUnitsService, TenantDb, ValidationProblem, type TenantTx } from '../../libs/tenant-host/src/index.js';
import { DossierAccess, type Caller } from './vdab-partners.access.js';
import { ActionDocumentsService } from './vdab-partners.documents.service.js';

export interface CreateDossierCommand {
  readonly accountId: string | null;
  readonly input: { readonly reference: string; readonly firstName: string; readonly lastName: string };
}

export interface CreateAssignmentCommand {
  readonly accountId: string;
  readonly input: { readonly organisationId: string; readonly dossierId: string; readonly kind: string; readonly startsAt: string; readonly endsAt: string };
}

export interface RecordActionCommand {
  readonly caller: Caller;
  readonly dossierId: string;
  readonly input: { readonly type: string; readonly date: string; readonly outcome: string; readonly notes?: string };
  /** The `Idempotency-Key` header: the same key twice creates one action and answers the same. */
  readonly idempotencyKey?: string;
}

export interface ActionView {
  id: string;
  type: string;
  date: string;
  outcome: string;
  notes: string | null;
  /** The organisation that did it; partners never see which staff member (README: "Actions"). */
  organisation: { id: string; name: string };
  recordedAt: string;
  /** Only in the service's own view: the account or credential that recorded it. */
  recordedBy?: string | null;
  credentialId?: string | null;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@Injectable()
export class DossiersService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: DossierAccess,
    private readonly units: OrgUnitsService,
    private readonly clock: Clock,
    private readonly documents: ActionDocumentsService,
  ) {}

  /**
   * The service erases a jobseeker's dossier: the dossier, its assignments, actions and documents go
   * in one transaction, the documents' files once it commits (durably: a process killed in between
   * leaves them to the core's sweep). The log keeps the dossier's id only, and says who erased it.
   */
  eraseDossier(accountId: string, dossierId: string) {
    return this.db.transaction(async (tx) => {
      const [dossier] = await tx.query(`SELECT 1 FROM vdab_dossiers WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tx.tenantId, dossierId]);
      if (!dossier) throw new NotFoundException('No such dossier');
      const documents = await this.documents.forgetDossier(tx, dossierId);
      // Wrapped in a SELECT: a bare DELETE answers [rows, count] through the driver.
      await tx.query(`WITH d AS (DELETE FROM vdab_dossiers WHERE tenant_id = $1 AND id = $2 RETURNING id) SELECT count(*) FROM d`, [tx.tenantId, dossierId]);
      await this.access.serviceWrote(tx, accountId, dossierId, 'dossier.erase');
      return { id: dossierId, documentsDeleted: documents };
    });
  }

  /** The service's staff (or its systems) create a jobseeker's dossier: it is no self-service profile. */
  createDossier(cmd: CreateDossierCommand) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO vdab_dossiers (tenant_id, reference, first_name, last_name, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, reference) DO NOTHING RETURNING id`,
        [tx.tenantId, cmd.input.reference, cmd.input.firstName, cmd.input.lastName, this.clock.now(), cmd.accountId],
      );
      if (!row) throw new ConflictException('reference: a dossier with this reference exists');
      if (cmd.accountId) await this.access.serviceWrote(tx, cmd.accountId, row.id, 'dossier.create');
      return { id: row.id, ...cmd.input };
    });
  }

  async createAssignment(cmd: CreateAssignmentCommand) {
    const { input } = cmd;
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) throw new ValidationProblem([{ field: 'endsAt', reason: 'must be after startsAt' }]);
    return this.db.transaction(async (tx) => {
      const organisation = (await this.units.list()).find((u) => u.id === input.organisationId);
      if (!organisation || organisation.kind !== 'partner-organisation')
        throw new ValidationProblem([{ field: 'organisationId', reason: 'is not a partner organisation of this tenant' }]);
      const [dossier] = await tx.query(`SELECT 1 FROM vdab_dossiers WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, input.dossierId]);
      if (!dossier) throw new ValidationProblem([{ field: 'dossierId', reason: 'is not a dossier of this tenant' }]);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO vdab_assignments (tenant_id, organisation_id, dossier_id, kind, starts_at, ends_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [tx.tenantId, input.organisationId, input.dossierId, input.kind, startsAt, endsAt, this.clock.now()],
      );
      await this.access.serviceWrote(tx, cmd.accountId, input.dossierId, 'assignment.create', input.organisationId);
      return { id: row.id, organisationId: input.organisationId, dossierId: input.dossierId, kind: input.kind, startsAt, endsAt };
    });
  }

  /** The service ends an assignment now: the partner's access closes with this request. */
  endAssignment(accountId: string, assignmentId: string) {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = await tx.query<{ id: string; endsAt: Date; dossierId: string; organisationId: string }>(
        // Wrapped in a SELECT: a bare UPDATE answers [rows, count] through the driver.
        `WITH u AS (UPDATE vdab_assignments SET ends_at = GREATEST(starts_at, LEAST(ends_at, $3))
                     WHERE tenant_id = $1 AND id = $2 RETURNING id, ends_at, dossier_id, organisation_id)
         SELECT id, ends_at AS "endsAt", dossier_id AS "dossierId", organisation_id AS "organisationId" FROM u`,
        [tx.tenantId, assignmentId, now],
      );
      if (!row) throw new NotFoundException('No such assignment');
      await this.access.serviceWrote(tx, accountId, row.dossierId, 'assignment.end', row.organisationId);
      return { id: row.id, endsAt: row.endsAt };
    });
  }

  /** A dossier with every action in it, earlier partners' included (statement 002, "inzage ... in acties"). */
  async read(caller: Caller, dossierId: string) {
    const out = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, caller, dossierId, 'dossier.read');
      if (!open) return null;
      const [d] = await tx.query<{ id: string; reference: string; firstName: string; lastName: string }>(
        `SELECT id, reference, first_name AS "firstName", last_name AS "lastName" FROM vdab_dossiers WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, dossierId],
      );
      return { ...d, assignment: open.assignment, actions: await this.actions(tx, caller, dossierId) };
    });
    // After the commit: the refused attempt is in the log, and the answer is that of a dossier that does not exist.
    if (!out) throw new NotFoundException('No such dossier');
    return out;
  }

  async recordAction(cmd: RecordActionCommand): Promise<{ replayed: boolean; action: ActionView }> {
    if (cmd.caller.kind === 'service') throw new UnprocessableEntityException('Actions are registered by partners carrying out an assignment');
    const key = cmd.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 8 to 128 characters of A-Z, a-z, 0-9 and . _ : -' }]);
    const hash = createHash('sha256').update(JSON.stringify([cmd.dossierId, cmd.input.type, cmd.input.date, cmd.input.outcome, cmd.input.notes ?? null])).digest('hex');
    const out = await this.db.transaction(async (tx) => {
      const open = await this.access.open(tx, cmd.caller, cmd.dossierId, 'action.create');
      if (!open?.assignment) return null;
      const organisationId = open.assignment.organisationId;
      if (key !== undefined) {
        const earlier = await this.byKey(tx, organisationId, key);
        if (earlier) return this.replay(tx, cmd.caller, earlier, hash);
      }
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO vdab_actions (tenant_id, dossier_id, assignment_id, organisation_id, type, action_date, outcome, notes,
                                   recorded_by, credential_id, idempotency_key, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (tenant_id, organisation_id, idempotency_key) DO NOTHING RETURNING id`,
        [
          tx.tenantId, cmd.dossierId, open.assignment.id, organisationId, cmd.input.type, cmd.input.date, cmd.input.outcome, cmd.input.notes ?? null,
          cmd.caller.kind === 'partner' ? cmd.caller.accountId : null,
          cmd.caller.kind === 'machine' ? cmd.caller.credentialId : null,
          key ?? null, hash, this.clock.now(),
        ],
      );
      // A concurrent request with the same key won the insert: answer as it did.
      if (!row) return this.replay(tx, cmd.caller, (await this.byKey(tx, organisationId, key!))!, hash);
      const [view] = await this.actions(tx, cmd.caller, cmd.dossierId, row.id);
      return { replayed: false, action: view };
    });
    if (!out) throw new NotFoundException('No such dossier');
    return out;
  }

  private async byKey(tx: TenantTx, organisationId: string, key: string) {
    const [row] = await tx.query<{ id: string; dossierId: string; hash: string }>(
      `SELECT id, dossier_id AS "dossierId", request_hash AS hash FROM vdab_actions
        WHERE tenant_id = $1 AND organisation_id = $2 AND idempotency_key = $3`,
      [tx.tenantId, organisationId, key],
    );
    return row ?? null;
  }

  private async replay(tx: TenantTx, caller: Caller, earlier: { id: string; dossierId: string; hash: string }, hash: string) {
    if (earlier.hash !== hash)
      throw new UnprocessableEntityException('Idempotency-Key: this key was used for another request; use a new key for a new action');
    const [view] = await this.actions(tx, caller, earlier.dossierId, earlier.id);
    return { replayed: true, action: view };
  }

  private async actions(tx: TenantTx, caller: Caller, dossierId: string, onlyId?: string): Promise<ActionView[]> {
    const rows = await tx.query<{
      id: string; type: string; date: string; outcome: string; notes: string | null; organisationId: string;
      recordedAt: Date; recordedBy: string | null; credentialId: string | null;
    }>(
      `SELECT id, type, to_char(action_date, 'YYYY-MM-DD') AS date, outcome, notes, organisation_id AS "organisationId",
              created_at AS "recordedAt", recorded_by AS "recordedBy", credential_id AS "credentialId"
         FROM vdab_actions WHERE tenant_id = $1 AND dossier_id = $2 AND ($3::uuid IS NULL OR id = $3)
        ORDER BY action_date, created_at, id`,
      [tx.tenantId, dossierId, onlyId ?? null],
    );
    const names = new Map((await this.units.list()).map((u) => [u.id, u.name]));
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      date: r.date,
      outcome: r.outcome,
      notes: r.notes,
      organisation: { id: r.organisationId, name: names.get(r.organisationId) ?? '' },
      recordedAt: new Date(r.recordedAt).toISOString(),
      ...(caller.kind === 'service' ? { recordedBy: r.recordedBy, credentialId: r.credentialId } : {}),
    }));
  }

  /**
   * The active assignments of the partner's organisations: which dossiers it may open now. Ids,
   * kinds and periods only; the dossier itself is read (and logged) through the gate.
   */
  activeAssignments(organisationIds: readonly string[]) {
    return this.db.transaction((tx) =>
      tx.query<{ id: string; dossierId: string; organisationId: string; kind: string; startsAt: Date; endsAt: Date }>(
        `SELECT id, dossier_id AS "dossierId", organisation_id AS "organisationId", kind, starts_at AS "startsAt", ends_at AS "endsAt"
           FROM vdab_assignments
          WHERE tenant_id = $1 AND organisation_id = ANY($2::uuid[]) AND starts_at <= $3 AND ends_at > $3
          ORDER BY starts_at, id LIMIT 1000`,
        [tx.tenantId, organisationIds, this.clock.now()],
      ),
    );
  }

  /** A partner staff member's own log entries: what they did or tried, in which dossier, when. */
  myLog(accountId: string) {
    return this.db.transaction((tx) =>
      tx.query<{ at: Date; dossierId: string; what: string; allowed: boolean; flagged: boolean; organisationId: string | null }>(
        `SELECT at, dossier_id AS "dossierId", what, allowed, flagged, organisation_id AS "organisationId"
           FROM vdab_dossier_log WHERE tenant_id = $1 AND account_id = $2 ORDER BY id DESC LIMIT 500`,
        [tx.tenantId, accountId],
      ),
    );
  }
}
