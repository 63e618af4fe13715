import { createApiApp } from '../../libs/platform/src/index.js';
import { tenants } from '../../tenants/index.js';
import { replayErasures } from './erasure-replay.js';

/**
 * Run after restoring the database and file store from a backup (docs/scaling.md, "Backup and
 * restore"), with the same settings as the platform and the time the backup was taken:
 *
 *   node dist/apps/tools/replay-erasures.js --since 2026-12-01T02:00:00Z
 *
 * Prints what it did again as JSON; exits 1 when some erasure is held by a legal hold.
 */
const at = process.argv.indexOf('--since');
const since = at > 0 ? new Date(process.argv[at + 1] ?? '') : new Date(NaN);
if (Number.isNaN(since.getTime())) {
  console.error('usage: replay-erasures --since <ISO time the backup was taken>');
  process.exit(2);
}
const { app } = await createApiApp({ tenants });
try {
  const report = await replayErasures(app, since);
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.held.length ? 1 : 0;
} finally {
  await app.close();
}
