import { Injectable } from '@nestjs/common';
import { Clock, TenantDb } from '../../libs/tenant-host/src/index.js';
import { RELATION_SCHEDULE, yearsLater } from './winwinwerkt.crm.service.js';
import type { DemoSecret, TenantDemoContext, TenantDemoSeeder } from '../../libs/plugin-api/src/index.js';

const YEAR = 365 * 86_400_000;

/** Advertisers' vacancies of the demo: applied for at the employer, on the label site they belong to. */
export const DEMO_ADVERTISEMENTS = [
  {
    label: 'werkweb',
    title: 'Magazijnmedewerker (advertentie)',
    employerName: 'Logistiek Centrum Nieuwegein',
    description: 'Orderpicken en laden in een modern distributiecentrum. Solliciteer rechtstreeks bij de werkgever via de link.',
    city: 'Nieuwegein',
    applyUrl: 'https://werken-bij.logistiekcentrum.example/magazijn',
    applyEmail: null,
  },
  {
    label: 'plus65werkt',
    title: 'Gastheer of gastvrouw museum (advertentie)',
    employerName: 'Museum aan de Vecht',
    description: 'Ontvang bezoekers op twee dagen per week. Mail je brief rechtstreeks naar het museum.',
    city: 'Utrecht',
    applyUrl: null,
    applyEmail: 'vacatures@museumaandevecht.example',
  },
] as const;

/** Relations, clients and suppliers of the demo (statement 4); one of them ended and on its schedule. */
export const DEMO_RELATIONS = [
  { kind: 'client', organisation: 'Bakkerij De Korenschoof BV', contactName: 'Henk HR', email: 'hr@korenschoof.example', phone: '+31302000000', ended: false },
  { kind: 'supplier', organisation: 'One Payroll', contactName: 'Salarisadministratie', email: 'contact@onepayroll.example', phone: null, ended: false },
  { kind: 'prospect', organisation: 'Tuincentrum De Linde', contactName: 'Lies de Linde', email: 'lies@delinde.example', phone: null, ended: true },
] as const;

/** The Etalage candidate of the demo: Gerda, guided by Re-integratie op Maat. */
export const DEMO_ETALAGE = { email: 'gerda@kandidaat.example', coach: 'reintegratie-op-maat' } as const;

/**
 * `npm start`: what WinWinWerkt keeps in its own tables, next to the core's demo data: Gerda's
 * anonymous profile in the Talenten Etalage, two advertisers' vacancies on two labels, and three
 * relations (one ended, on its two-year schedule). What exists is left alone.
 */
@Injectable()
export class WinWinWerktDemoSeeder implements TenantDemoSeeder {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  seed(ctx: TenantDemoContext): Promise<readonly DemoSecret[]> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const person = ctx.accounts.get(DEMO_ETALAGE.email);
      const coach = ctx.orgUnits.get(DEMO_ETALAGE.coach);
      if (person && coach)
        await tx.query(
          `INSERT INTO winwinwerkt_etalage (tenant_id, person_id, coach_org_id, joined_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, person_id) DO NOTHING`,
          [tx.tenantId, person, coach, now],
        );
      for (const a of DEMO_ADVERTISEMENTS) {
        const [exists] = await tx.query(`SELECT 1 FROM winwinwerkt_advertisements WHERE tenant_id = $1 AND title = $2`, [tx.tenantId, a.title]);
        if (!exists)
          await tx.query(
            `INSERT INTO winwinwerkt_advertisements (tenant_id, label, title, employer_name, description, city, apply_url, apply_email, publish_until, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [tx.tenantId, a.label, a.title, a.employerName, a.description, a.city, a.applyUrl, a.applyEmail, new Date(now.getTime() + YEAR), now],
          );
      }
      for (const r of DEMO_RELATIONS) {
        const [exists] = await tx.query(`SELECT 1 FROM winwinwerkt_relations WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, r.email]);
        if (!exists)
          await tx.query(
            `INSERT INTO winwinwerkt_relations (tenant_id, kind, organisation, contact_name, email, phone, created_at, ended_at, delete_after)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [tx.tenantId, r.kind, r.organisation, r.contactName, r.email, r.phone, now, r.ended ? now : null, r.ended ? yearsLater(now, RELATION_SCHEDULE.yearsAfterEnd) : null],
          );
      }
      return [];
    });
  }
}
