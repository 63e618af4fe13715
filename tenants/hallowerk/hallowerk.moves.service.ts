import { Injectable } from '@nestjs/common';
import { Clock, MailService, ProfileMovesService, TenantDb, ValidationProblem, type Actor } from '../../libs/tenant-host/src/index.js';

export interface MoveCommand {
  /** The old municipality's staff member handing the dossier over; they must reach the person. */
  readonly actor: Actor;
  readonly personId: string;
  readonly municipalityId: string;
}

/**
 * Statement 004: each municipality is the controller of its residents' data. When a jobseeker moves,
 * the old municipality's staff (who hold the dossier and reach the person) hand it to the new one:
 * from then the new municipality's coaches reach the person and the old one's do not, the
 * supporting municipality says so, and the person is told who holds their dossier now. The new
 * municipality cannot pull a person in: it does not reach them before the move, and letting it
 * would let any municipality take any resident.
 */
@Injectable()
export class MovesService {
  constructor(
    private readonly db: TenantDb,
    private readonly moves: ProfileMovesService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  move(cmd: MoveCommand) {
    return this.db.transaction(async (tx) => {
      const [target] = await tx.query<{ name: string }>(
        `SELECT name FROM org_units WHERE tenant_id = $1 AND id = $2 AND kind = 'municipality'`,
        [tx.tenantId, cmd.municipalityId],
      );
      await this.moves.moveAsStaff(tx, cmd.actor, cmd.personId, {
        orgUnitId: cmd.municipalityId,
        // The old municipality's client manager no longer supports the person: the new one names theirs.
        fields: { supportingMunicipality: target?.name ?? null, clientManagerName: null },
        accept: (from) => {
          if (!target) throw new ValidationProblem([{ field: 'municipalityId', reason: 'is not a municipality of HalloWerk' }]);
          if (from === cmd.municipalityId)
            throw new ValidationProblem([{ field: 'municipalityId', reason: 'is the municipality the person already belongs to' }]);
        },
      });
      // The client number stays the person's, now under the new municipality (the import stays idempotent).
      await tx.query(`UPDATE hallowerk_client_numbers SET municipality_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [
        tx.tenantId,
        cmd.personId,
        cmd.municipalityId,
      ]);
      const [person] = await tx.query<{ email: string; locale: string | null }>(
        `SELECT email, locale FROM accounts WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, cmd.personId],
      );
      const movedAt = this.clock.now();
      await this.mail.enqueue(tx, {
        template: 'municipality-move',
        to: { address: person.email, personId: cmd.personId, personKind: 'jobseeker', locale: person.locale ?? undefined },
        variables: { municipality: target!.name },
        idempotencyKey: `municipality-move:${cmd.personId}:${cmd.municipalityId}:${movedAt.toISOString()}`,
      });
      return { status: 'moved', personId: cmd.personId, municipalityId: cmd.municipalityId, movedAt };
    });
  }
}
