import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantDefinition } from '../../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/** A copy of the example tenant whose mail folder (copied to a temporary one) has one file replaced. */
export function tenantWithFile(file: string, content: string): TenantDefinition {
  const dir = mkdtempSync(join(tmpdir(), 'mail-templates-'));
  cpSync(kandidatenbank.mail.templatesDir, dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  return { ...kandidatenbank, key: 'broken-mail', domains: [], demo: undefined, mail: { ...kandidatenbank.mail, templatesDir: dir } };
}
