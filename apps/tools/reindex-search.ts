import { createApiApp } from '../../libs/platform/src/index.js';
import { tenants } from '../../tenants/index.js';
import { reindexSearch } from './search-reindex.js';

/**
 * Rebuilds the search index after a tenant changed which fields are searchable, or after a restore
 * (docs/scaling.md), with the same settings as the platform:
 *
 *   npm run reindex-search                       # every tenant
 *   npm run reindex-search -- kandidatenbank     # the named tenants only
 *
 * Prints progress while it runs; exits 1 when a named tenant does not exist.
 */
const keys = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const { app } = await createApiApp({ tenants });
try {
  const report = await reindexSearch(app, keys, (line) => console.log(line));
  for (const key of report.unknown) console.error(`no tenant "${key}"`);
  process.exitCode = report.unknown.length ? 1 : 0;
} finally {
  await app.close();
}
