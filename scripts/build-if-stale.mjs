// `npm start` builds only when a source changed since the last build: a warm start with nothing
// changed skipped a 10 s compile. Fresh means the same source files, none newer than the stamp the
// last successful build left, and that build's output still there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = join('dist', '.build-stamp.json');
const ENTRY = join('dist', 'apps', 'api', 'src', 'main.js');

function sources() {
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].filter((f) => existsSync(f));
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const root of ['apps', 'libs', 'tenants', 'scripts']) walk(root);
  return files;
}

function fingerprint() {
  const files = sources().sort();
  let newest = 0;
  for (const f of files) newest = Math.max(newest, statSync(f).mtimeMs);
  return { files: files.length, newest, list: files.join('\n').length };
}

const now = fingerprint();
function lastBuild() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}
const last = lastBuild();
const fresh =
  !process.argv.includes('--force') &&
  last && existsSync(ENTRY) &&
  last.files === now.files && last.list === now.list && now.newest <= last.newest;
if (fresh) {
  console.log('build: nothing changed since the last build, starting it as it is');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  writeFileSync(STAMP, JSON.stringify(now));
}
