import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../../config/src/app-config.js';
import { TenantRegistry } from '../../../tenancy/src/tenant-registry.js';
import { MailTemplatesService } from '../mail-templates.service.js';
import { MailTemplateError } from '../mail-template.errors.js';
import { tenantWithFile } from './support/tenant-with-file.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/** A fresh service (as a new process would have) over its own cache folder. */
function service(dir: string) {
  const config = Object.assign(new AppConfig(), { MAIL_TEMPLATE_CACHE_DIR: dir });
  return new MailTemplatesService(new TenantRegistry([kandidatenbank]), config);
}

describe('the cache of checked mail templates', () => {
  it('keeps what a boot compiled, so the next process renders the same mail without compiling again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'template-cache-'));
    const first = service(dir);
    await first.compileAll([kandidatenbank]);
    const entries = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(entries.length).toBeGreaterThan(10);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const second = service(dir);
    await second.compileAll([kandidatenbank]);
    const a = first.renderSample(first.resolve(kandidatenbank, 'verify-email', 'nl'));
    const b = second.renderSample(second.resolve(kandidatenbank, 'verify-email', 'nl'));
    expect(b).toEqual(a);
  });

  it('never stores a broken template: it is reported on every boot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'template-cache-'));
    const def = tenantWithFile(
      'verify-email.en.mjml',
      '<mj-section>\n  {{#each items}}<mj-column><mj-text>{{name}}</mj-text></mj-column>{{/each}}\n</mj-section>\n',
    );
    for (let boot = 0; boot < 2; boot++) {
      const compiling = service(dir).compileAll([def]);
      await expect(compiling).rejects.toBeInstanceOf(MailTemplateError);
      await expect(compiling).rejects.toThrow(/MJML dropped the Handlebars expression \{\{#each items\}\}/);
    }
  });

  it('a changed template is compiled and checked again, never served from the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'template-cache-'));
    const good = tenantWithFile('verify-email.en.subject.hbs', 'Confirm your address, {{name}}');
    await service(dir).compileAll([good]);
    const subjectFile = join(good.mail.templatesDir, 'verify-email.en.subject.hbs');
    writeFileSync(subjectFile, 'Confirm your address, {{firstName}}');
    await expect(service(dir).compileAll([good])).rejects.toThrow(/uses variable "firstName"/);
    expect(readFileSync(subjectFile, 'utf8')).toContain('firstName');
  });
});
