import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { PortalDeclaration, PortalPageContext } from '../../libs/plugin-api/src/index.js';
import { assertValidBody } from '../../libs/tenant-host/src/index.js';
import { ACTION_DOCUMENT_MAX_BYTES, ACTION_DOCUMENT_TYPES, ACTION_OUTCOMES, ACTION_TYPES } from './vdab-partners.catalogue.js';
import { vdabAdminPages } from './vdab-partners.admin-pages.js';
import { adminTexts } from './vdab-partners.admin-texts.js';
import { ActionDocumentsService, type ActionDocumentView } from './vdab-partners.documents.service.js';
import { DossiersService } from './vdab-partners.dossiers.service.js';
import { CorrectOwnDataDto, RecordActionDto } from './vdab-partners.dto.js';
import { actorOf, idOf, partnerOf } from './vdab-partners.page-context.js';
import { PartnerStaffService } from './vdab-partners.staff.service.js';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function sizeOf(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} B`;
  const format = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  return bytes < 1024 * 1024 ? `${format(bytes / 1024)} KB` : `${format(bytes / (1024 * 1024))} MB`;
}

const documentRow = (d: ActionDocumentView, locale: string) => ({
  id: d.id,
  actionId: d.actionId,
  fileName: d.fileName,
  typeName: TYPE_NAMES[d.contentType] ?? d.contentType,
  size: sizeOf(d.byteSize, locale),
  uploadedAt: d.uploadedAt,
  organisation: d.organisation,
});

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
    const dossier = await dossiers.read(partnerOf(ctx), idOf(chosen));
    // The documents of every action, through the same gate (the API lists them per action).
    const documents = await ctx.service(ActionDocumentsService).listInDossier({ caller: partnerOf(ctx), dossierId: dossier.id });
    const posted = ctx.form;
    // The action whose upload form was sent (in the upload's address): its field carries the problem.
    const uploadedTo = ctx.query.action ?? posted.actionId;
    return {
      dossier: {
        ...dossier,
        actions: dossier.actions.map((a) => ({
          ...a,
          documents: documents.filter((d) => d.actionId === a.id).map((d) => documentRow(d, ctx.locale)),
          // A partner attaches documents to its own organisation's actions only, as over the API.
          attachable: !!a.organisation && ctx.orgUnitIds.includes(a.organisation.id),
          uploading: a.id === uploadedTo,
        })),
      },
      accept: ACTION_DOCUMENT_TYPES.join(','),
      acceptNames: [...new Set(ACTION_DOCUMENT_TYPES.map((t) => TYPE_NAMES[t] ?? t))].join(', '),
      maxMegabytes: ACTION_DOCUMENT_MAX_BYTES / (1024 * 1024),
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
    dossierId: idOf(dossierId),
    input,
    idempotencyKey: ctx.form.idempotencyKey,
  });
  return { redirect: `/x/dossiers?dossier=${encodeURIComponent(dossierId)}`, notice: 'action-recorded' };
}

/** A document for an action, from the action's upload form: the API's use case, gate and rules. */
async function attachDocument(ctx: PortalPageContext) {
  const dossierId = idOf(ctx.form.dossierId ?? ctx.query.dossier);
  await ctx.service(ActionDocumentsService).attach({
    caller: partnerOf(ctx),
    dossierId,
    actionId: idOf(ctx.form.actionId ?? ctx.query.action),
    document: ctx.document ?? { name: '', bytes: Buffer.alloc(0), contentType: '' },
  });
  return { redirect: `/x/dossiers?dossier=${dossierId}`, notice: 'document-attached' };
}

/** One document's bytes, through the API's download (its gate: outside the assignment, 404). */
function downloadDocument(ctx: PortalPageContext) {
  return ctx.service(ActionDocumentsService).download({
    caller: partnerOf(ctx),
    dossierId: idOf(ctx.query.dossier),
    actionId: idOf(ctx.query.action),
    documentId: idOf(ctx.query.document),
  });
}

/**
 * The partner staff member's own data as `GET /vdab/me` gives it, the form of `PATCH /vdab/me`,
 * and what was logged under their name (`GET /vdab/me/log`): statement 002, "wie, wanneer, in welk
 * dossier gewerkt heeft", and the right to see and correct it.
 */
async function loadMe(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const me = await ctx.service(PartnerStaffService).me(actorOf(ctx));
  const log = await ctx.service(DossiersService).myLog(ctx.accountId!);
  return {
    me,
    displayName: ctx.form.displayName ?? me.displayName ?? '',
    log: log.map((l) => ({ ...l, whatKey: `vdab.log.${l.what}` })),
  };
}

async function correctMe(ctx: PortalPageContext) {
  const input = { displayName: ctx.form.displayName ?? '' };
  assertValidBody(CorrectOwnDataDto, input);
  await ctx.service(PartnerStaffService).correct(actorOf(ctx), { displayName: input.displayName.trim() });
  return { redirect: '/x/me', notice: 'own-data-corrected' };
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
    'vdab.dossier.documents': 'Documenten bij deze actie',
    'vdab.document.none': 'Nog geen documenten.',
    'vdab.document.name': 'Bestand',
    'vdab.document.type': 'Soort',
    'vdab.document.size': 'Grootte',
    'vdab.document.when': 'Toegevoegd op',
    'vdab.document.by': 'Door',
    'vdab.document.by-service': 'VDAB',
    'vdab.document.download': 'Downloaden',
    'vdab.document.download-name': '{name} downloaden',
    'vdab.document.file': 'Document',
    'vdab.document.file-help': '{types}, ten hoogste {max} MB. Het soort bestand wordt aan de inhoud herkend, niet aan de naam.',
    'vdab.document.submit': 'Document toevoegen',
    'notice.document-attached': 'Het document is toegevoegd.',
    'vdab.me.intro': 'De gegevens die VDAB over u als medewerker van een partner bijhoudt. U hebt het recht ze te bekijken en te corrigeren wanneer ze fout zijn.',
    'vdab.me.account': 'Uw account',
    'vdab.me.display-name': 'Naam',
    'vdab.me.email': 'E-mailadres',
    'vdab.me.organisation': 'Organisatie',
    'vdab.me.partner-admin': 'Partnerbeheerder van uw organisatie',
    'vdab.me.yes': 'Ja',
    'vdab.me.no': 'Nee',
    'vdab.me.correct': 'Uw naam corrigeren',
    'vdab.me.correct-help': 'Zoals collega\'s en VDAB u kennen, ten hoogste 120 tekens.',
    'vdab.me.submit': 'Naam opslaan',
    'vdab.me.log': 'Uw logboek',
    'vdab.me.log-intro':
      'Als u in het systeem van VDAB werkt, houdt VDAB bij wie, wanneer, in welk dossier gewerkt heeft, om zijn systemen te bewaken. Hieronder staat wat onder uw naam werd gelogd (de laatste 500 registraties), ook pogingen om een dossier te openen buiten een lopende opdracht: die werden geweigerd en gemarkeerd. Het logboek zelf kan niemand wijzigen.',
    'vdab.me.log-none': 'Er is nog niets onder uw naam gelogd.',
    'vdab.me.log-when': 'Wanneer',
    'vdab.me.log-what': 'Wat',
    'vdab.me.log-dossier': 'Dossier',
    'vdab.me.log-result': 'Resultaat',
    'vdab.me.log-allowed': 'Toegestaan',
    'vdab.me.log-refused': 'Geweigerd',
    'vdab.me.log-flagged': 'Geweigerd en gemarkeerd: buiten een lopende opdracht',
    'vdab.log.dossier.create': 'Dossier aangemaakt',
    'vdab.log.dossier.read': 'Dossier geopend',
    'vdab.log.dossier.erase': 'Dossier gewist',
    'vdab.log.action.create': 'Actie geregistreerd',
    'vdab.log.assignment.create': 'Opdracht aangemaakt',
    'vdab.log.assignment.end': 'Opdracht beëindigd',
    'vdab.log.document.upload': 'Document toegevoegd',
    'vdab.log.document.list': 'Documenten bekeken',
    'vdab.log.document.download': 'Document gedownload',
    'notice.own-data-corrected': 'Uw naam is gecorrigeerd.',
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
    'vdab.dossier.documents': 'Documents of this action',
    'vdab.document.none': 'No documents yet.',
    'vdab.document.name': 'File',
    'vdab.document.type': 'Type',
    'vdab.document.size': 'Size',
    'vdab.document.when': 'Added on',
    'vdab.document.by': 'By',
    'vdab.document.by-service': 'VDAB',
    'vdab.document.download': 'Download',
    'vdab.document.download-name': 'Download {name}',
    'vdab.document.file': 'Document',
    'vdab.document.file-help': '{types}, at most {max} MB. The kind of file is recognised by its content, not its name.',
    'vdab.document.submit': 'Add the document',
    'notice.document-attached': 'The document has been added.',
    'vdab.me.intro': 'The data VDAB keeps about you as a member of a partner\'s staff. You have the right to see it and to correct it when it is wrong.',
    'vdab.me.account': 'Your account',
    'vdab.me.display-name': 'Name',
    'vdab.me.email': 'Email address',
    'vdab.me.organisation': 'Organisation',
    'vdab.me.partner-admin': "Your organisation's partner admin",
    'vdab.me.yes': 'Yes',
    'vdab.me.no': 'No',
    'vdab.me.correct': 'Correct your name',
    'vdab.me.correct-help': 'As colleagues and VDAB know you, at most 120 characters.',
    'vdab.me.submit': 'Save the name',
    'vdab.me.log': 'Your log',
    'vdab.me.log-intro':
      'When you work in VDAB\'s system, VDAB keeps track of who worked in which dossier and when, to watch over its systems. Below is what was logged under your name (the latest 500 entries), attempts to open a dossier outside a running assignment included: those were refused and flagged. No one can change the log itself.',
    'vdab.me.log-none': 'Nothing has been logged under your name yet.',
    'vdab.me.log-when': 'When',
    'vdab.me.log-what': 'What',
    'vdab.me.log-dossier': 'Dossier',
    'vdab.me.log-result': 'Result',
    'vdab.me.log-allowed': 'Allowed',
    'vdab.me.log-refused': 'Refused',
    'vdab.me.log-flagged': 'Refused and flagged: outside a running assignment',
    'vdab.log.dossier.create': 'Dossier created',
    'vdab.log.dossier.read': 'Dossier opened',
    'vdab.log.dossier.erase': 'Dossier erased',
    'vdab.log.action.create': 'Action registered',
    'vdab.log.assignment.create': 'Assignment created',
    'vdab.log.assignment.end': 'Assignment ended',
    'vdab.log.document.upload': 'Document added',
    'vdab.log.document.list': 'Documents viewed',
    'vdab.log.document.download': 'Document downloaded',
    'notice.own-data-corrected': 'Your name has been corrected.',
  },
};

/**
 * VDAB's portal (statement 002): the partner organisations' staff pages here, and the pages of the
 * environment's administration (staff, machine credentials, account requests) from their own file.
 */
export const vdabPartnersPortal: PortalDeclaration = {
  texts: { nl: { ...texts.nl, ...adminTexts.nl }, en: { ...texts.en, ...adminTexts.en } },
  viewsDir: fileURLToPath(new URL('./portal', import.meta.url)),
  pages: [
    {
      key: 'dossiers',
      title: { nl: 'Dossiers', en: 'Dossiers' },
      view: 'dossiers.hbs',
      access: ['partner'],
      nav: true,
      load: loadDossiers,
      actions: { record: recordAction, attach: attachDocument },
      upload: { field: 'file', maxBytes: ACTION_DOCUMENT_MAX_BYTES, kind: 'document', accept: ACTION_DOCUMENT_TYPES },
      download: downloadDocument,
      fieldLabels: {
        type: 'vdab.action.type',
        date: 'vdab.action.date',
        outcome: 'vdab.action.outcome',
        notes: 'vdab.action.notes',
        file: 'vdab.document.file',
        actionId: 'vdab.document.file',
      },
    },
    {
      key: 'me',
      title: { nl: 'Mijn gegevens en logboek', en: 'My data and log' },
      view: 'me.hbs',
      access: ['partner'],
      nav: true,
      load: loadMe,
      actions: { correct: correctMe },
      fieldLabels: { displayName: 'vdab.me.display-name' },
    },
    ...vdabAdminPages,
  ],
};
