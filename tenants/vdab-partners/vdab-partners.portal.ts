import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { PortalDeclaration, PortalPageContext } from '../../libs/plugin-api/src/index.js';
import { assertValidBody } from '../../libs/tenant-host/src/index.js';
import { ACTION_OUTCOMES, ACTION_TYPES } from './vdab-partners.catalogue.js';
import { DossiersService } from './vdab-partners.dossiers.service.js';
import { RecordActionDto } from './vdab-partners.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const partnerOf = (ctx: PortalPageContext) => ({ kind: 'partner' as const, accountId: ctx.accountId!, organisationIds: ctx.orgUnitIds });

/**
 * Partner staff on the web: the dossiers their organisation's running assignments open, one dossier
 * with every action in it (earlier partners' under their organisation's name only), and the form to
 * register an action. Every page goes through the same gate as the API (`DossiersService`): a
 * dossier outside a running assignment is a page that does not exist, and the attempt is logged
 * and flagged as it is over the API.
 */
async function loadDossiers(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const dossiers = ctx.service(DossiersService);
  const chosen = ctx.query.dossier;
  if (chosen !== undefined) {
    // Not a dossier id: the same answer as a dossier outside the assignment (the gate logs the latter).
    const dossier = await dossiers.read(partnerOf(ctx), UUID.test(chosen) ? chosen.toLowerCase() : '00000000-0000-0000-0000-000000000000');
    const posted = ctx.form;
    return {
      dossier,
      types: ACTION_TYPES.map((t) => ({ value: t, selected: posted.type === t })),
      outcomes: ACTION_OUTCOMES.map((o) => ({ value: o, selected: posted.outcome === o })),
      // A form sent twice (a double click, a reload) registers one action.
      idempotencyKey: posted.idempotencyKey ?? randomBytes(16).toString('base64url'),
    };
  }
  const assignments = await dossiers.activeAssignments(ctx.orgUnitIds);
  return { assignments };
}

async function recordAction(ctx: PortalPageContext) {
  const dossierId = ctx.form.dossierId ?? '';
  const notes = (ctx.form.notes ?? '').trim();
  const input = { type: ctx.form.type ?? '', date: ctx.form.date ?? '', outcome: ctx.form.outcome ?? '', ...(notes ? { notes } : {}) };
  assertValidBody(RecordActionDto, input);
  await ctx.service(DossiersService).recordAction({
    caller: partnerOf(ctx),
    dossierId: UUID.test(dossierId) ? dossierId.toLowerCase() : '00000000-0000-0000-0000-000000000000',
    input,
    idempotencyKey: ctx.form.idempotencyKey,
  });
  return { redirect: `/x/dossiers?dossier=${encodeURIComponent(dossierId)}`, notice: 'action-recorded' };
}

const texts = {
  nl: {
    'vdab.dossiers.intro': 'De dossiers die uw organisatie nu mag openen: alleen tijdens een lopende opdracht. Elke opening en elke actie wordt gelogd.',
    'vdab.dossiers.none': 'Uw organisatie heeft nu geen lopende opdracht.',
    'vdab.dossiers.kind': 'Opdracht',
    'vdab.dossiers.period': 'Looptijd',
    'vdab.dossiers.open': 'Dossier openen',
    'vdab.dossier.actions': 'Acties in dit dossier',
    'vdab.dossier.no-actions': 'Er zijn nog geen acties geregistreerd.',
    'vdab.dossier.by': 'Door',
    'vdab.dossier.new-action': 'Een actie registreren',
    'vdab.action.type': 'Soort actie',
    'vdab.action.date': 'Datum',
    'vdab.action.outcome': 'Resultaat',
    'vdab.action.notes': 'Toelichting (niet verplicht)',
    'vdab.action.notes-help': 'Alleen wat nodig is voor de opdracht. Geen gezondheidsgegevens of andere bijzondere persoonsgegevens.',
    'vdab.action.submit': 'Actie registreren',
    'vdab.back': 'Terug naar de dossiers',
    'notice.action-recorded': 'De actie is geregistreerd.',
  },
  en: {
    'vdab.dossiers.intro': 'The dossiers your organisation may open now: only during a running assignment. Every opening and every action is logged.',
    'vdab.dossiers.none': 'Your organisation has no running assignment now.',
    'vdab.dossiers.kind': 'Assignment',
    'vdab.dossiers.period': 'Period',
    'vdab.dossiers.open': 'Open the dossier',
    'vdab.dossier.actions': 'Actions in this dossier',
    'vdab.dossier.no-actions': 'No actions have been registered yet.',
    'vdab.dossier.by': 'By',
    'vdab.dossier.new-action': 'Register an action',
    'vdab.action.type': 'Kind of action',
    'vdab.action.date': 'Date',
    'vdab.action.outcome': 'Outcome',
    'vdab.action.notes': 'Notes (optional)',
    'vdab.action.notes-help': 'Only what the assignment needs. No health data or other special categories of personal data.',
    'vdab.action.submit': 'Register the action',
    'vdab.back': 'Back to the dossiers',
    'notice.action-recorded': 'The action has been registered.',
  },
};

/** VDAB's portal: the partner organisations' staff pages (statement 002). */
export const vdabPartnersPortal: PortalDeclaration = {
  texts,
  viewsDir: fileURLToPath(new URL('./portal', import.meta.url)),
  pages: [
    {
      key: 'dossiers',
      title: { nl: 'Dossiers', en: 'Dossiers' },
      view: 'dossiers.hbs',
      access: ['partner'],
      nav: true,
      load: loadDossiers,
      actions: { record: recordAction },
    },
  ],
};
