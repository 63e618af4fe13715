import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';

const require = createRequire(import.meta.url);
const MJML_VERSION = (require('mjml/package.json') as { version: string }).version;

/** Bump when what a passing check means changes, so older entries are never trusted again. */
const FORMAT = 1;

/** Entries of this process, shared by every boot in it (a test file boots the app several times). */
const inProcess = new Map<string, string>();

/**
 * The MJML output of templates that passed every boot check, keyed by everything the checks read.
 * MJML is what makes a boot slow (hundreds of template x brand x locale documents), and its output
 * for the same input never changes, so a template compiled once is not compiled again: not by the
 * next boot of this process, nor, with a folder, by the next process. Only passing templates are
 * stored: a broken one is checked, and reported, on every boot.
 */
export class TemplateCache {
  constructor(private readonly dir: string | null) {}

  static key(parts: readonly unknown[]): string {
    return createHash('sha256')
      .update(JSON.stringify([FORMAT, MJML_VERSION, Handlebars.VERSION, ...parts]))
      .digest('hex');
  }

  get(key: string): string | undefined {
    const hit = inProcess.get(key);
    if (hit !== undefined || !this.dir) return hit;
    try {
      const html = readFileSync(join(this.dir, `${key}.html`), 'utf8');
      inProcess.set(key, html);
      return html;
    } catch {
      return undefined;
    }
  }

  put(key: string, html: string): void {
    inProcess.set(key, html);
    if (!this.dir) return;
    // Written aside and renamed, so a process reading at the same moment sees all of it or nothing.
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const partial = join(this.dir, `${key}.${randomBytes(6).toString('hex')}.partial`);
      writeFileSync(partial, html, { mode: 0o600 });
      renameSync(partial, join(this.dir, `${key}.html`));
    } catch {
      // A cache that cannot be written only costs the next boot its speed.
    }
  }
}
