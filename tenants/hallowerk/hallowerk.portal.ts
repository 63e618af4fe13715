import { fileURLToPath } from 'node:url';
import type { PortalDeclaration, PortalPageContext } from '../../libs/plugin-api/src/index.js';
import { assertValidBody, portalActor, ValidationProblem } from '../../libs/tenant-host/src/index.js';
import { CompleteCareerAssignmentDto } from './hallowerk.assignments.dto.js';
import { AssignmentsService } from './hallowerk.assignments.service.js';
import { ImportJobseekersDto } from './hallowerk.import.dto.js';
import { BulkImportService, type ImportReport } from './hallowerk.import.service.js';
import { hallowerkPortalTexts } from './hallowerk.portal-texts.js';
import { WorkFoundService } from './hallowerk.work-found.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person's career assignments and assessments (statement 004): what their coach gave them,
 * handed in from here, and their own results, which no employer sees. The same use case as
 * `/hallowerk/me/assignments`, so the same checks (no BSN in what they write).
 */
async function loadAssignments(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const { items } = await ctx.service(AssignmentsService).mine(ctx.accountId!);
  const open = ctx.form.assignmentId;
  return {
    open: items.filter((a) => !a.completedAt).map((a) => ({ ...a, again: a.id === open })),
    done: items.filter((a) => a.completedAt),
  };
}

async function handIn(ctx: PortalPageContext) {
  const result = ctx.form.result?.trim();
  const input = { answers: (ctx.form.answers ?? '').trim(), ...(result ? { result } : {}) };
  assertValidBody(CompleteCareerAssignmentDto, input);
  const id = ctx.form.assignmentId ?? '';
  // Not an id: the same answer as someone else's assignment (404).
  await ctx.service(AssignmentsService).complete(ctx.accountId!, UUID.test(id) ? id.toLowerCase() : '00000000-0000-0000-0000-000000000000', input as CompleteCareerAssignmentDto);
  return { notice: 'hw-handed-in' };
}

/**
 * Step 4 of the statement: "Wanneer je niet meer wilt worden benaderd door werkgevers omdat je werk
 * hebt gevonden zet je jouw profiel op onzichtbaar." Reporting it offers the switch; only the
 * person's own click on it changes anything.
 */
async function reportWorkFound(ctx: PortalPageContext) {
  const answer = await ctx.service(WorkFoundService).report({ personId: ctx.accountId! });
  return { redirect: `/x/work-found?reported=${answer.offer ? 'visible' : 'hidden'}`, notice: 'hw-work-found' };
}

/** The API's problems name the CSV `csv`; on the page it is the file that was chosen. */
function onTheFile(err: unknown): never {
  if (err instanceof ValidationProblem)
    throw new ValidationProblem(err.errors.map((e) => (e.field === 'csv' || e.field.startsWith('csv.') ? { ...e, field: 'file' } : e)));
  throw err;
}

/**
 * A municipality's staff enrol residents from a CSV file (statement 004: "de gegevens die wij alvast
 * voor jou invullen"): the same use case and checks as `POST /hallowerk/imports`. A dry run first
 * reports every problem of every row and writes nothing; the import then reports row by row what it
 * did. Sending the same file again changes nothing (enrolled client numbers are skipped), so the
 * report is shown in place rather than after a redirect.
 */
async function runImport(ctx: PortalPageContext) {
  const body = { csv: ctx.file?.text ?? '', dryRun: ctx.form.dryRun === 'on' };
  let report: ImportReport;
  try {
    assertValidBody(ImportJobseekersDto, body);
    report = await ctx.service(BulkImportService).run({ actor: portalActor(ctx), csv: body.csv, dryRun: body.dryRun });
  } catch (err) {
    onTheFile(err);
  }
  return {
    show: {
      report: {
        ...report,
        fileName: ctx.file?.name ?? '',
        problems: report.problems.map((p) => ({ ...p, text: p.errors.map((e) => `${e.field}: ${e.reason}`).join('; ') })),
      },
    },
  };
}

export const hallowerkPortal: PortalDeclaration = {
  intro: {
    nl: 'HalloWerk is het platform van de gemeenten in jouw arbeidsmarktregio. Je gemeente maakt je account aan; jij bepaalt of werkgevers je profiel zien.',
    en: 'HalloWerk is the platform of the municipalities in your labour-market region. Your municipality creates your account; you decide whether employers see your profile.',
  },
  texts: hallowerkPortalTexts,
  viewsDir: fileURLToPath(new URL('./portal', import.meta.url)),
  pages: [
    {
      key: 'import',
      title: { nl: 'Inwoners inschrijven (CSV)', en: 'Enrol residents (CSV)' },
      view: 'import.hbs',
      access: ['staff'],
      nav: true,
      upload: { field: 'file', maxBytes: 1024 * 1024, kind: 'text' },
      actions: { import: runImport },
      fieldLabels: { file: 'hw.import.file' },
    },
    {
      key: 'assignments',
      title: { nl: 'Mijn opdrachten en testen', en: 'My assignments and tests' },
      view: 'assignments.hbs',
      access: ['jobseeker'],
      nav: true,
      load: loadAssignments,
      actions: { 'hand-in': handIn },
      fieldLabels: { answers: 'hw.assignments.answers', result: 'hw.assignments.result' },
    },
    {
      key: 'work-found',
      title: { nl: 'Ik heb werk gevonden', en: 'I found work' },
      view: 'work-found.hbs',
      access: ['jobseeker'],
      nav: true,
      load: (ctx) => Promise.resolve({ reported: ctx.query.reported ?? null, stillVisible: ctx.query.reported === 'visible' }),
      actions: { report: reportWorkFound },
    },
  ],
};
