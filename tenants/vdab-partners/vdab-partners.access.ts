import { ForbiddenException, Injectable } from '@nestjs/common';
import { Clock, type Actor, type TenantTx } from '../../libs/tenant-host/src/index.js';

/**
 * Who is working in a dossier. The service's own staff reach every dossier; a partner's staff
 * member and a partner organisation's machine credential reach a dossier only during an active
 * assignment of their organisation.
 */
export type Caller =
  | { readonly kind: 'service'; readonly accountId: string }
  | { readonly kind: 'partner'; readonly accountId: string; readonly organisationIds: readonly string[] }
  | { readonly kind: 'machine'; readonly credentialId: string; readonly organisationId: string };

/** What was done in the dossier, as logged ("wie, wanneer, in welk dossier"). */
export type DossierWork =
  | 'dossier.create'
  | 'dossier.read'
  | 'dossier.erase'
  | 'action.create'
  | 'assignment.create'
  | 'assignment.end'
  | 'document.upload'
  | 'document.list'
  | 'document.download';

export interface OpenDossier {
  readonly dossierId: string;
  /** The assignment that lets a partner in; null for the service's staff. */
  readonly assignment: { readonly id: string; readonly organisationId: string; readonly kind: string; readonly startsAt: Date; readonly endsAt: Date } | null;
}

/** The signed-in account as a caller: service staff (role staff) or partner staff (role partner). */
export function callerOf(actor: Actor): Caller {
  if (!actor.accountId) throw new ForbiddenException('Sign in required');
  if (actor.roles.includes('staff')) return { kind: 'service', accountId: actor.accountId };
  if (actor.roles.includes('partner')) return { kind: 'partner', accountId: actor.accountId, organisationIds: actor.orgUnitIds };
  throw new ForbiddenException('Your role may not do this');
}

/**
 * The one gate in front of every dossier: it decides with the injectable clock (an assignment that
 * ended closes access at the moment it ends) and logs the work in the caller's unit of work, the
 * refused attempts flagged. A refusal returns null and the caller answers 404, as for a dossier that
 * does not exist, so an outsider learns nothing; the caller must let the unit of work commit so the
 * flagged attempt stays in the log.
 */
@Injectable()
export class DossierAccess {
  constructor(private readonly clock: Clock) {}

  /**
   * `logAllowed: false` logs a refusal only: an upload checks access before it reads the body, and
   * logs its allowed work once, in the unit of work that writes the document.
   */
  async open(tx: TenantTx, caller: Caller, dossierId: string, what: DossierWork, opts: { logAllowed?: boolean } = {}): Promise<OpenDossier | null> {
    const logAllowed = opts.logAllowed ?? true;
    const now = this.clock.now();
    const [dossier] = await tx.query<{ id: string }>(`SELECT id FROM vdab_dossiers WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, dossierId]);
    if (caller.kind === 'service') {
      if (!dossier) return null;
      if (logAllowed) await this.log(tx, caller, null, dossierId, what, true, now);
      return { dossierId, assignment: null };
    }
    const organisations = caller.kind === 'machine' ? [caller.organisationId] : caller.organisationIds;
    const [assignment] = dossier
      ? await tx.query<{ id: string; organisationId: string; kind: string; startsAt: Date; endsAt: Date }>(
          `SELECT id, organisation_id AS "organisationId", kind, starts_at AS "startsAt", ends_at AS "endsAt"
             FROM vdab_assignments
            WHERE tenant_id = $1 AND dossier_id = $2 AND organisation_id = ANY($3::uuid[])
              AND starts_at <= $4 AND ends_at > $4
            ORDER BY starts_at DESC LIMIT 1`,
          [tx.tenantId, dossierId, organisations, now],
        )
      : [];
    if (!assignment) {
      await this.log(tx, caller, organisations[0] ?? null, dossierId, what, false, now);
      return null;
    }
    if (logAllowed) await this.log(tx, caller, assignment.organisationId, dossierId, what, true, now);
    return { dossierId, assignment };
  }

  /** The service's own writes to a dossier (creating it, assigning it, ending an assignment), logged alike. */
  async serviceWrote(tx: TenantTx, accountId: string, dossierId: string, what: DossierWork, organisationId: string | null = null) {
    await this.log(tx, { kind: 'service', accountId }, organisationId, dossierId, what, true, this.clock.now());
  }

  private async log(tx: TenantTx, caller: Caller, organisationId: string | null, dossierId: string, what: DossierWork, allowed: boolean, at: Date) {
    await tx.query(
      `INSERT INTO vdab_dossier_log (tenant_id, at, account_id, credential_id, organisation_id, dossier_id, what, allowed, flagged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tx.tenantId,
        at,
        caller.kind === 'machine' ? null : caller.accountId,
        caller.kind === 'machine' ? caller.credentialId : null,
        organisationId,
        dossierId,
        what,
        allowed,
        // Every attempt outside an assignment is flagged for the quality check.
        !allowed,
      ],
    );
  }
}
