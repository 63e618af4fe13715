// Module hooks that let a child process started by a test run the TypeScript sources directly, as
// Jest does (ts-jest transpiles each file on its own), so a test never depends on a stale build.
// Relative `.js` imports resolve to the `.ts` file next to them; `.ts` files are transpiled with
// the project's compiler options (decorator metadata included) into ES modules, and cached by
// content in the temporary folder, so a restarted process does not transpile again.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const cacheDir = join(tmpdir(), 'recruit-ts-transpiled');

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2023,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
  isolatedModules: true,
};

export async function resolve(specifier, context, nextResolve) {
  if (
    specifier.endsWith('.js') &&
    (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) &&
    context.parentURL
  ) {
    const asTs = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (
      !existsSync(fileURLToPath(new URL(specifier, context.parentURL))) &&
      existsSync(fileURLToPath(asTs))
    )
      return { url: asTs.href, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const input = await readFile(path, 'utf8');
  const key = createHash('sha256')
    .update(`${ts.version}\0${JSON.stringify(compilerOptions)}\0${path}\0${input}`)
    .digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit !== null) return { format: 'module', source: hit, shortCircuit: true };
  const { outputText } = ts.transpileModule(input, { compilerOptions, fileName: path });
  // Written under a unique name and renamed: processes starting at once never read half a file.
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(partial, outputText)
    .then(() => rename(partial, cached))
    .catch(() => undefined);
  return { format: 'module', source: outputText, shortCircuit: true };
}
