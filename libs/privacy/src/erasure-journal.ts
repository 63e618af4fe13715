import { Injectable } from '@nestjs/common';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig, Clock } from '../../config/src/index.js';

export type JournalOperation = 'erase' | 'anonymise';

export interface JournalEntry {
  readonly at: string;
  readonly tenantId: string;
  readonly operation: JournalOperation;
  readonly personId: string;
}

const FILE = 'erasures.jsonl';

/**
 * Erasures and anonymisations, written outside the database so that a restore from a backup taken
 * before them can do them again (docs/scaling.md, "Backup and restore"). A line holds the tenant's
 * and the person's ids only: random identifiers that lead nowhere once the person's rows are gone.
 * The line is on disk before the database commits: a crash in between can at worst make a restore
 * erase someone whose erasure was due but did not commit, never bring back someone who was erased.
 */
@Injectable()
export class ErasureJournal {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get dir(): string | null {
    return this.config.ERASURE_JOURNAL_DIR || null;
  }

  async append(tenantId: string, operation: JournalOperation, personIds: readonly string[]): Promise<void> {
    if (!this.dir || !personIds.length) return;
    const at = this.clock.now().toISOString();
    const lines = personIds.map((personId) => JSON.stringify({ at, tenantId, operation, personId } satisfies JournalEntry)).join('\n') + '\n';
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = await open(join(this.dir, FILE), 'a', 0o600);
    try {
      await file.write(lines);
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  /** The entries written at or after `since`, oldest first; a torn last line (a crash mid-write) is skipped. */
  async since(since: Date): Promise<JournalEntry[]> {
    if (!this.dir) return [];
    let text: string;
    try {
      text = await readFile(join(this.dir, FILE), 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return [];
      throw err;
    }
    const out: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        continue;
      }
      if (new Date(entry.at) >= since) out.push(entry);
    }
    return out;
  }
}
