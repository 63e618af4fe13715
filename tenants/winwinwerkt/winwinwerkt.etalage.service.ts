import { Injectable, NotFoundException } from '@nestjs/common';
import { labelForHost } from '../../libs/plugin-api/src/index.js';
import { Clock, MailService, RequestContext, TenantDb, ValidationProblem, profileFieldValues, refusedValueProblems } from '../../libs/tenant-host/src/index.js';
import { PAYROLL_DATA, PAYROLL_NOTE } from './winwinwerkt.fields.js';
import { winwinwerktLabels } from './winwinwerkt.labels.js';

/** The only fields of a talent card: what kind of work, and where. */
const CARD_FIELDS = ['desiredJob', 'city'] as const;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The label whose site shows the Talenten Etalage (statement 2.3: "kandidaten Onbekend Talent"). */
export const ETALAGE_LABEL = 'onbekendtalent';

export interface EtalageContactCommand {
  readonly entryId: string;
  readonly input: { readonly organisation: string; readonly name: string; readonly email: string; readonly phone?: string; readonly message: string };
}

/**
 * The Talenten Etalage (statement 003, 2.3): "Als je wordt begeleid door een netwerk-partner
 * 'reintegratiespecialist' van Onbekend Talent, dan ... staat jouw anonieme talentenprofiel in de
 * Talenten Etalage. Je kan zo worden gevonden door werkgevers die contact opnemen met jouw
 * begeleider." Employers see a few choices that cannot single anyone out (desired job, city) and
 * the coach organisation's name, under the entry's own id; they write to the coach, never to the
 * candidate, whose address no employer ever learns.
 */
@Injectable()
export class EtalageService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  private onEtalageSite(): void {
    // Only the Onbekend Talent site shows it; elsewhere it does not exist.
    if (labelForHost({ labels: winwinwerktLabels }, RequestContext.host())?.key !== ETALAGE_LABEL)
      throw new NotFoundException('The Talenten Etalage is on the Onbekend Talent site');
  }

  /** The candidate agrees to the anonymous profile, naming the reintegration partner that guides them. */
  join(personId: string, coachOrganisationId: string) {
    return this.db.transaction(async (tx) => {
      const [coach] = await tx.query<{ id: string }>(
        `SELECT id FROM org_units WHERE tenant_id = $1 AND id = $2 AND kind = 'partner-organisation'`,
        [tx.tenantId, coachOrganisationId],
      );
      if (!coach) throw new ValidationProblem([{ field: 'coachOrganisationId', reason: 'is not a coach organisation (reintegration partner) of WinWinWerkt' }]);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO winwinwerkt_etalage (tenant_id, person_id, coach_org_id, joined_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, person_id) DO UPDATE SET coach_org_id = EXCLUDED.coach_org_id
         RETURNING id`,
        [tx.tenantId, personId, coachOrganisationId, this.clock.now()],
      );
      return { id: row.id, coachOrganisationId };
    });
  }

  leave(personId: string) {
    return this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM winwinwerkt_etalage WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, personId]);
      return { inEtalage: false };
    });
  }

  /** Whether the candidate is in the Etalage now, and with which reintegration partner. */
  mine(personId: string) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ coach_org_id: string; coach: string }>(
        `SELECT e.coach_org_id, o.name AS coach FROM winwinwerkt_etalage e
           JOIN org_units o ON o.tenant_id = e.tenant_id AND o.id = e.coach_org_id
          WHERE e.tenant_id = $1 AND e.person_id = $2`,
        [tx.tenantId, personId],
      );
      return row ? { inEtalage: true, coachOrganisationId: row.coach_org_id, coachOrganisation: row.coach } : { inEtalage: false };
    });
  }

  /** The reintegration partners a candidate can name: the only ones whose candidates the Etalage shows. */
  coachOrganisations() {
    return this.db.transaction((tx) =>
      tx.query<{ id: string; name: string }>(
        `SELECT id, name FROM org_units WHERE tenant_id = $1 AND kind = 'partner-organisation' ORDER BY name, id`,
        [tx.tenantId],
      ),
    );
  }

  /** What anyone on the Onbekend Talent site sees: no name, address, free text, document or person id. */
  list() {
    this.onEtalageSite();
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; person_id: string; coach: string }>(
        `SELECT e.id, e.person_id, o.name AS coach
           FROM winwinwerkt_etalage e
           JOIN org_units o ON o.tenant_id = e.tenant_id AND o.id = e.coach_org_id
          WHERE e.tenant_id = $1
          ORDER BY e.joined_at DESC, e.id LIMIT 200`,
        [tx.tenantId],
      );
      // Only these two fields leave: no name, address, free text, document or person id.
      const cards = await profileFieldValues(tx, rows.map((r) => r.person_id), CARD_FIELDS);
      return {
        items: rows
          .filter((r) => cards.has(r.person_id))
          .map((r) => ({ id: r.id, desiredJob: text(cards.get(r.person_id)!.desiredJob), city: text(cards.get(r.person_id)!.city), coachOrganisation: r.coach })),
      };
    });
  }

  /** An employer's message goes to the coach organisation's staff, in Onbekend Talent's look. */
  contact(cmd: EtalageContactCommand) {
    this.onEtalageSite();
    const i = cmd.input;
    const problems = [
      ...refusedValueProblems(PAYROLL_DATA, i.message, 'message', PAYROLL_NOTE),
      ...refusedValueProblems(PAYROLL_DATA, i.organisation, 'organisation', PAYROLL_NOTE),
    ];
    if (problems.length) throw new ValidationProblem(problems);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ person_id: string; coach_org_id: string }>(
        `SELECT e.person_id, e.coach_org_id FROM winwinwerkt_etalage e WHERE e.tenant_id = $1 AND e.id = $2`,
        [tx.tenantId, cmd.entryId],
      );
      const card = row ? (await profileFieldValues(tx, [row.person_id], CARD_FIELDS)).get(row.person_id) : undefined;
      const entry = row && card ? { ...row, desired_job: text(card.desiredJob), city: text(card.city) } : null;
      if (!entry) throw new NotFoundException('No such talent profile');
      const coaches = await tx.query<{ id: string; email: string; display_name: string; locale: string }>(
        `SELECT a.id, a.email, a.display_name, a.locale FROM accounts a
           JOIN account_org_units u ON u.tenant_id = a.tenant_id AND u.account_id = a.id
          WHERE a.tenant_id = $1 AND u.org_unit_id = $2 AND a.status = 'active' AND 'partner' = ANY (a.roles)`,
        [tx.tenantId, entry.coach_org_id],
      );
      for (const coach of coaches)
        await this.mail.enqueue(tx, {
          template: 'etalage-contact',
          brand: ETALAGE_LABEL,
          // About the candidate: erasing them removes this mail too.
          about: entry.person_id,
          to: { address: coach.email, personId: coach.id, personKind: 'partner-staff', locale: coach.locale },
          variables: {
            name: coach.display_name,
            talent: [entry.desired_job, entry.city].filter(Boolean).join(', ') || cmd.entryId,
            talentId: cmd.entryId,
            organisation: i.organisation,
            contactName: i.name,
            contactEmail: i.email,
            contactPhone: i.phone ?? '',
            message: i.message,
          },
        });
      await tx.query(
        `INSERT INTO winwinwerkt_contact_messages (tenant_id, label, name, email, phone, message, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tx.tenantId, ETALAGE_LABEL, `${i.name} (${i.organisation})`.slice(0, 160), i.email.toLowerCase(), i.phone ?? null, i.message, this.clock.now()],
      );
      return { status: 'sent-to-coach' };
    });
  }
}
