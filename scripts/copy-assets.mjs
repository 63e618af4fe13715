// tsc compiles only TypeScript: copy templates and other assets next to the compiled code.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// .mjs: plain JavaScript shared with the test set-up (libs/database/src/postgres-server.mjs).
const ASSET = /\.(mjml|hbs|json|html|css|svg|png|mjs)$/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) cpSync(path, join('dist', path));
  }
}
for (const root of ['apps', 'libs', 'tenants']) walk(root);
