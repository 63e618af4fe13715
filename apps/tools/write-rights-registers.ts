import { mkdirSync, writeFileSync } from 'node:fs';
import { tenants } from '../../tenants/index.js';
import { processingRegister, registerHtml, resumeMappingMarkdown } from '../../libs/rights/src/index.js';

/**
 * Writes each registered tenant's record of processing activities to docs/rights/registers/, the
 * copy tenant READMEs link to, and every tenant's JSON Resume mapping to docs/rights/json-resume.md. `registers-are-current.spec.ts` fails when a declaration changed
 * without this being run again, so the published register is the one the platform enforces.
 *
 *   node --import ./test/support/process/register-ts.mjs apps/tools/write-rights-registers.ts
 */
const dir = new URL('../../docs/rights/registers/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const def of tenants) {
  const register = processingRegister(def);
  writeFileSync(new URL(`${def.key}.json`, dir), `${JSON.stringify(register, null, 2)}\n`);
  writeFileSync(new URL(`${def.key}.html`, dir), registerHtml(register));
  console.log(
    `${def.key}: version ${register.version}, ${register.activities.length} purposes, ${register.problems.length} problems`,
  );
}
writeFileSync(new URL('../json-resume.md', dir), resumeMappingMarkdown(tenants));
console.log('json-resume.md: the CV mapping of every tenant');
