import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { DestinationStream } from 'pino';

const run = promisify(execFile);
const PG_DUMP = '/usr/bin/pg_dump';

export interface DatabaseDump {
  readonly text: string;
  /** `pg_dump` when its major version can dump the server, else `sql` (every table read as the owner). */
  readonly method: 'pg_dump' | 'sql';
  /** The tables the SQL dump read (found in the catalog); empty for pg_dump. */
  readonly tables: readonly string[];
}

/**
 * Everything the database holds, as text: a plain `pg_dump` when the installed one is at least the
 * server's major version (it refuses newer servers), otherwise every row of every table of every
 * non-system schema (found in the catalog, so a table added later is read too) and every large
 * object, read as the owner with row security off, so a table the owner cannot fully see fails the
 * dump instead of being skipped.
 */
export async function dumpDatabase(ownerUrl: string): Promise<DatabaseDump> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const serverMajor = Math.floor(Number((await client.query(`SHOW server_version_num`)).rows[0].server_version_num) / 10_000);
    const dumpMajor = await pgDumpMajor();
    if (dumpMajor !== null && dumpMajor >= serverMajor) {
      const { stdout } = await run(PG_DUMP, ['--no-owner', '--no-privileges', '--dbname', ownerUrl], { maxBuffer: 1 << 30 });
      return { text: stdout, method: 'pg_dump', tables: [] };
    }
    return await sqlDump(client);
  } finally {
    await client.end();
  }
}

async function pgDumpMajor(): Promise<number | null> {
  try {
    const { stdout } = await run(PG_DUMP, ['--version']);
    const m = /(\d+)(?:\.\d+)?/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function sqlDump(client: pg.Client): Promise<DatabaseDump> {
  await client.query(`SET row_security = off`);
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    parts.push(`-- ${name}`);
    // The row's text form: every column, as COPY would write it (bytea in hex).
    const { rows } = await client.query<{ line: string }>(`SELECT t::text AS line FROM ${name} t`);
    for (const r of rows) parts.push(r.line);
  }
  const { rows: objects } = await client.query<{ oid: string; bytes: Buffer }>(
    `SELECT oid::text, lo_get(oid) AS bytes FROM pg_largeobject_metadata`,
  );
  for (const o of objects) parts.push(`-- large object ${o.oid}`, o.bytes.toString('latin1'), o.bytes.toString('hex'));
  return { text: parts.join('\n'), method: 'sql', tables: tables.map((t) => t.name) };
}

/** Every path under the folder (folder and file names) and every file's bytes. */
export async function dumpFiles(root: string): Promise<string> {
  const parts: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      parts.push(`-- ${relative(root, path)}`);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path);
        parts.push(bytes.toString('latin1'), bytes.toString('hex'));
      }
    }
  }
  await walk(root);
  return parts.join('\n');
}

/** A log destination that keeps every JSON line the app writes. */
export function captureLog(): { lines: string[]; stream: DestinationStream } {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

export interface Trace {
  readonly what: string;
  readonly where: string;
  readonly context: string;
}

/**
 * Where any of the needles occurs, case-insensitively: the value itself and the forms a store may
 * keep it in (a uuid without dashes, hex bytes of a file, the JSON-escaped string).
 */
export function findTraces(needles: Readonly<Record<string, string>>, haystacks: Readonly<Record<string, string>>): Trace[] {
  const found: Trace[] = [];
  const lowered = Object.entries(haystacks).map(([where, text]) => [where, text.toLowerCase()] as const);
  for (const [what, value] of Object.entries(needles)) {
    if (value.length < 6) throw new Error(`needle "${what}" is too short to be told apart: ${JSON.stringify(value)}`);
    const forms = new Set([value, JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('hex')].map((f) => f.toLowerCase()));
    if (/^[0-9a-f-]{36}$/i.test(value)) forms.add(value.replace(/-/g, '').toLowerCase());
    for (const [where, text] of lowered)
      for (const form of forms) {
        const at = text.indexOf(form);
        if (at >= 0) {
          found.push({ what, where, context: text.slice(Math.max(0, at - 120), at + form.length + 120) });
          break;
        }
      }
  }
  return found;
}
