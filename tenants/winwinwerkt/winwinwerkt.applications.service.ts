import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, profileFieldValues, type Actor } from '../../libs/tenant-host/src/index.js';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Statement 003, 2.4: "Door te solliciteren geef je ons toestemming om jouw gegevens zoals cv en
 * motivatiebrief en wat je ons vertelt tijdens het interview, te delen met de opdrachtgever van de
 * vacature." The core application carries the CV and the motivation; this adds the profile's
 * motivation letter and WinWinWerkt's interview notes, for the readers the core gives the
 * application to among the client's people (the vacancy's contacts and the employer's managers).
 * Any other caller, another client above all, gets a 404, as for an application that does not exist.
 */
@Injectable()
export class SharedApplicationService {
  constructor(private readonly db: TenantDb) {}

  async get(actor: Actor, applicationId: string) {
    const row = await this.db.transaction(async (tx) => {
      const [shared] = await tx.query<{ applicant_id: string }>(
        `SELECT a.applicant_id
           FROM applications a
           JOIN vacancies v ON v.tenant_id = a.tenant_id AND v.id = a.vacancy_id
          WHERE a.tenant_id = $1 AND a.id = $2 AND a.status <> 'withdrawn'
            AND (EXISTS (SELECT 1 FROM vacancy_contacts c
                           JOIN account_org_units m ON m.tenant_id = c.tenant_id AND m.account_id = c.account_id AND m.org_unit_id = v.org_unit_id
                          WHERE c.tenant_id = $1 AND c.vacancy_id = v.id AND c.account_id = $3)
                 OR EXISTS (SELECT 1 FROM employer_managers em WHERE em.tenant_id = $1 AND em.org_unit_id = v.org_unit_id AND em.account_id = $3))`,
        [tx.tenantId, applicationId, actor.accountId],
      );
      if (!shared) return null;
      const values = (await profileFieldValues(tx, [shared.applicant_id], ['motivation', 'interviewNotes'])).get(shared.applicant_id);
      return values ? { motivation: text(values.motivation), interview_notes: text(values.interviewNotes) } : null;
    });
    if (!row) throw new NotFoundException('No such application');
    return { applicationId, motivationLetter: row.motivation, interviewNotes: row.interview_notes };
  }
}
