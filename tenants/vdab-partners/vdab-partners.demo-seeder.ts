import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock, TenantDb, type TenantTx } from '../../libs/tenant-host/src/index.js';
import type { DemoSecret, TenantDemoContext, TenantDemoSeeder } from '../../libs/plugin-api/src/index.js';

const DAY = 86_400_000;

/**
 * Published demo secrets, like the demo passwords (the demo never runs in production). Same shape
 * as a real credential: `vdabp_<credential id without dashes>_<43 characters>`.
 */
export const DEMO_CREDENTIALS = [
  { organisation: 'werkpunt', id: '00000000-0000-4000-8000-00000000d001', label: 'Werkpunt Antwerpen CRM (X-Api-Key)' },
  { organisation: 'loopbaanwijzer', id: '00000000-0000-4000-8000-00000000d002', label: 'Loopbaanwijzer Gent CRM (X-Api-Key)' },
].map((c) => ({ ...c, secret: `vdabp_${c.id.replaceAll('-', '')}_${`demo_${c.organisation}_published_secret`.padEnd(43, 'x')}` }));

export const DEMO_JOBSEEKERS = [
  { reference: 'DEMO-WZ-0001', firstName: 'An', lastName: 'Peeters' },
  { reference: 'DEMO-WZ-0002', firstName: 'Youssef', lastName: 'Benali' },
  { reference: 'DEMO-WZ-0003', firstName: 'Els', lastName: 'Janssens' },
];

/**
 * `npm start`: three jobseekers' dossiers, an active assignment for each partner organisation, a
 * third dossier that passed from Werkpunt (ended, with an earlier action) to Loopbaanwijzer (active),
 * each organisation's partner admin and a machine credential per organisation. What exists stays.
 */
@Injectable()
export class VdabPartnersDemoSeeder implements TenantDemoSeeder {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  seed(ctx: TenantDemoContext): Promise<readonly DemoSecret[]> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const org = (key: string) => ctx.orgUnits.get(key)!;
      const dossiers: string[] = [];
      for (const j of DEMO_JOBSEEKERS) {
        await tx.query(
          `INSERT INTO vdab_dossiers (tenant_id, reference, first_name, last_name, created_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, reference) DO NOTHING`,
          [tx.tenantId, j.reference, j.firstName, j.lastName, now, ctx.accounts.get('bemiddelaar@vdab.example') ?? null],
        );
        const [row] = await tx.query<{ id: string }>(`SELECT id FROM vdab_dossiers WHERE tenant_id = $1 AND reference = $2`, [tx.tenantId, j.reference]);
        dossiers.push(row.id);
      }
      const [any] = await tx.query(`SELECT 1 FROM vdab_assignments WHERE tenant_id = $1 AND dossier_id = ANY($2::uuid[]) LIMIT 1`, [tx.tenantId, dossiers]);
      if (!any) {
        const at = (days: number) => new Date(now.getTime() + days * DAY);
        await this.assign(tx, org('werkpunt'), dossiers[0], 'job-coaching', at(-30), at(150), now);
        await this.assign(tx, org('loopbaanwijzer'), dossiers[1], 'training', at(-7), at(120), now);
        const earlier = await this.assign(tx, org('werkpunt'), dossiers[2], 'intensive-guidance', at(-120), at(-10), now);
        await this.assign(tx, org('loopbaanwijzer'), dossiers[2], 'work-placement', at(-9), at(180), now);
        await tx.query(
          `INSERT INTO vdab_actions (tenant_id, dossier_id, assignment_id, organisation_id, type, action_date, outcome, notes, recorded_by, created_at)
           VALUES ($1, $2, $3, $4, 'intake', $5, 'completed', 'Intakegesprek: doelen voor de begeleiding afgesproken.', $6, $7)`,
          [tx.tenantId, dossiers[2], earlier, org('werkpunt'), at(-110).toISOString().slice(0, 10), ctx.accounts.get('coach@werkpunt.example') ?? null, at(-110)],
        );
      }
      for (const [email, key] of [['admin@werkpunt.example', 'werkpunt'], ['admin@loopbaanwijzer.example', 'loopbaanwijzer']] as const) {
        const accountId = ctx.accounts.get(email);
        if (accountId)
          await tx.query(
            `INSERT INTO vdab_partner_admins (tenant_id, account_id, organisation_id, granted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
            [tx.tenantId, accountId, org(key), now],
          );
      }
      for (const c of DEMO_CREDENTIALS)
        await tx.query(
          `INSERT INTO vdab_credentials (tenant_id, id, organisation_id, label, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (tenant_id, id) DO NOTHING`,
          [tx.tenantId, c.id, org(c.organisation), c.label, createHash('sha256').update(c.secret).digest('hex'), now],
        );
      return DEMO_CREDENTIALS.map((c) => ({ label: c.label, secret: c.secret }));
    });
  }

  private async assign(tx: TenantTx, organisationId: string, dossierId: string, kind: string, startsAt: Date, endsAt: Date, now: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO vdab_assignments (tenant_id, organisation_id, dossier_id, kind, starts_at, ends_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [tx.tenantId, organisationId, dossierId, kind, startsAt, endsAt, now],
    );
    return row.id;
  }
}
