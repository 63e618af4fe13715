import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenants } from '../../../../tenants/index.js';
import {
  AUDIT_ACTION,
  CORE_AUDIT_ACTIVITIES,
  CORE_AUDIT_ACTIONS,
  CORE_PROCESSING_ACTIVITIES,
  processingProblems,
  tenantDefinitionProblems,
} from '../../../plugin-api/src/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' || e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Action names a source file writes to the audit log: literals given as `action`, passed to the
 * helpers that take one (`own`, `touched`, `recordRead`), or held in an action table.
 */
function writtenActions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (!/AuditService|audit\.record|recordRead\(/.test(text)) return [];
  const out = new Set<string>();
  const lines = text.split('\n');
  for (const line of lines) {
    if (!/\baction\b|this\.own\(|touched\(|recordRead\(|AUDIT_ACTION\b/.test(line)) continue;
    for (const m of line.matchAll(/'([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+)'/g)) out.add(m[1]);
  }
  // `connection.${...}` builds its action from a choice of verbs.
  for (const m of text.matchAll(/action: `([a-z-]+)\.\$\{[^}]*\? '([a-z-]+)' : '([a-z-]+)'\}`/g)) {
    out.add(`${m[1]}.${m[2]}`);
    out.add(`${m[1]}.${m[3]}`);
  }
  return [...out].filter((a) => AUDIT_ACTION.test(a));
}

/**
 * A test that fails when an audit action is written anywhere without a processing activity: core
 * actions must be in the core's map (their type enforces it too), a tenant's in its declaration.
 */
describe('every audit action belongs to a declared processing activity', () => {
  const core = new Set<string>(CORE_AUDIT_ACTIONS);
  const coreActivities = new Set<string>(CORE_PROCESSING_ACTIVITIES.map((a) => a.id));

  it('every core action maps to an activity the core declares', () => {
    for (const [action, activity] of Object.entries(CORE_AUDIT_ACTIVITIES)) {
      expect(`${action} -> ${coreActivities.has(activity) ? 'declared' : activity}`).toBe(`${action} -> declared`);
      expect(action).toMatch(AUDIT_ACTION);
    }
  });

  it('every action the core writes (libs/, apps/) is a core action with an activity', () => {
    const unmapped = ['libs', 'apps']
      .flatMap((d) => sources(join(root, d)))
      .flatMap((f) => writtenActions(f).filter((a) => !core.has(a)).map((a) => `${relative(root, f)}: ${a}`));
    // Dotted strings on such lines of an audit writer that are not actions would show here too;
    // none do today, and one is better renamed than allowed.
    expect(unmapped).toEqual([]);
  });

  it.each(tenants.map((d) => [d.key, d] as const))('%s: every action its folder writes is mapped in its declaration', (key, def) => {
    // A tenant's folder carries its key (tenants/README.md).
    const mapped = new Set(Object.keys(def.processing?.auditActions ?? {}));
    const unmapped = sources(join(root, 'tenants', key))
      .flatMap((f) => writtenActions(f).filter((a) => !core.has(a) && !mapped.has(a)).map((a) => `${relative(root, f)}: ${a}`));
    expect(unmapped).toEqual([]);
    expect(tenantDefinitionProblems(def)).toEqual([]);
  });

  it('a declaration is refused when it maps an action to an unknown activity, takes over a core action, or declares a core activity again', () => {
    expect(
      processingProblems(
        {
          activities: [
            { id: 'candidate-search', name: 'x', purpose: 'x', legalBasis: 'x' },
            { id: 'own-thing', name: 'Own', purpose: '', legalBasis: 'x' },
          ],
          auditActions: { 'own.thing': 'nowhere-declared', 'profile.read': 'own-thing', 'NotAnAction': 'own-thing' },
        },
        CORE_AUDIT_ACTIONS,
      ),
    ).toEqual([
      'processing.activities "candidate-search": the core already declares this activity',
      'processing.activities "own-thing": needs a name, a purpose and a legal basis',
      'processing.auditActions "own.thing": activity "nowhere-declared" is not declared (core or processing.activities)',
      'processing.auditActions "profile.read": a core action; the core names its activity',
      'processing.auditActions "NotAnAction": not an audit action name (dotted lower-case verbs)',
    ]);
    expect(
      processingProblems({ activities: [{ id: 'unclassified-before-logboek', name: 'x', purpose: 'x', legalBasis: 'x' }] }),
    ).toEqual(['processing.activities "unclassified-before-logboek": the core already declares this activity']);
  });
});
