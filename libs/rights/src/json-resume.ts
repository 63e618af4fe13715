import type { ResumeListMapping, ResumeMapping } from '../../plugin-api/src/index.js';

/** The JSON Resume schema the CV part follows (https://jsonresume.org/schema). */
export const JSON_RESUME_SCHEMA =
  'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

type Values = Readonly<Record<string, unknown>>;

/** JSON Resume dates are ISO 8601 (`2019`, `2019-04` or `2019-04-01`): a year number becomes text. */
function text(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** Drops keys without a value, so the resume holds only what the person wrote. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> | undefined {
  const kept = Object.entries(o).filter(([, v]) => v !== undefined);
  return kept.length ? (Object.fromEntries(kept) as Partial<T>) : undefined;
}

function entries(values: Values, m: ResumeListMapping<string> | undefined) {
  if (!m || !Array.isArray(values[m.field])) return undefined;
  const out = (values[m.field] as Values[])
    .map((item) =>
      compact(Object.fromEntries(Object.entries(m.items).map(([k, from]) => [k, text(item[from!])]))),
    )
    .filter((e) => e !== undefined);
  return out.length ? out : undefined;
}

/**
 * The CV part of a person's export as a JSON Resume document, from the profile values the tenant
 * maps (`rights.resume` in its declaration). Unmapped fields and empty values are left out, so
 * another platform imports exactly what the person's profile holds.
 */
export function jsonResume(values: Values, m: ResumeMapping = {}): Record<string, unknown> {
  const name = (m.name ?? []).map((k) => text(values[k])).filter(Boolean).join(' ') || undefined;
  const location = compact(
    Object.fromEntries(Object.entries(m.location ?? {}).map(([k, from]) => [k, text(values[from!])])),
  );
  const skills = (m.skills ?? [])
    .flatMap((k) => (Array.isArray(values[k]) ? (values[k] as unknown[]) : [values[k]]))
    .map(text)
    .filter((s) => s !== undefined)
    .map((s) => ({ name: s }));
  const pick = (k: string | undefined) => (k === undefined ? undefined : text(values[k]));
  return {
    $schema: JSON_RESUME_SCHEMA,
    basics: {
      ...compact({
        name,
        label: pick(m.label),
        email: pick(m.email),
        phone: pick(m.phone),
        summary: pick(m.summary),
      }),
      ...(location ? { location } : {}),
    },
    work: entries(values, m.work) ?? [],
    education: entries(values, m.education) ?? [],
    skills,
    languages: entries(values, m.languages) ?? [],
  };
}

interface Declared {
  readonly key: string;
  readonly name: string;
  readonly rights?: { readonly resume?: ResumeMapping };
}

/**
 * The published mapping (docs/rights/json-resume.md): for every tenant, which of its profile
 * fields fill which JSON Resume key. Generated with the registers, and checked against the
 * declarations like them, so the page and the exports cannot drift apart.
 */
export function resumeMappingMarkdown(defs: readonly Declared[]): string {
  const lines = [
    '# The CV part of an export as a JSON Resume document',
    '',
    'Every access and portability export (`libs/rights`) holds `resume.json`, a JSON Resume document',
    `(https://jsonresume.org/schema, \`$schema\`: ${JSON_RESUME_SCHEMA}) another job platform can import.`,
    'Each tenant declares which of its profile fields fill it (`rights.resume` in its definition,',
    '`ResumeMapping` in `libs/plugin-api/src/resume.ts`; the contract refuses a field the profile lacks).',
    'Unmapped fields and empty values are left out of the resume; every field is in `export.json` all the same.',
    'Dates stay as the profile holds them (ISO 8601); a year number becomes text (`2018`).',
    '',
    'Generated from the declarations: `node --import ./test/support/process/register-ts.mjs apps/tools/write-rights-registers.ts`.',
  ];
  for (const def of defs) {
    lines.push('', `## ${def.name} (\`${def.key}\`)`, '');
    const m = def.rights?.resume;
    if (!m) {
      lines.push('No mapping declared: the resume holds no fields.');
      continue;
    }
    lines.push('| JSON Resume | profile field |', '| --- | --- |');
    const row = (to: string, from: string | undefined) => from !== undefined && lines.push(`| \`${to}\` | \`${from}\` |`);
    if (m.name?.length) row('basics.name', m.name.join('` + `'));
    for (const k of ['label', 'email', 'phone', 'summary'] as const) row(`basics.${k}`, m[k]);
    for (const [k, v] of Object.entries(m.location ?? {})) row(`basics.location.${k}`, v);
    for (const section of ['work', 'education', 'languages'] as const) {
      const list = m[section];
      if (!list) continue;
      for (const [k, v] of Object.entries(list.items as Record<string, string>)) row(`${section}[].${k}`, `${list.field}[].${v}`);
    }
    for (const k of m.skills ?? []) row('skills[].name', `${k} (each value)`);
  }
  return `${lines.join('\n')}\n`;
}
