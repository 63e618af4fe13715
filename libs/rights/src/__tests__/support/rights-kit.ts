import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantDefinition } from '../../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/**
 * A WinWinWerkt-style tenant: it promises an answer within 10 working days (Dutch public holidays
 * excluded) and only its tenant admins decide on requests.
 */
export const promiseLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-promise-lab',
  domains: [],
  demo: undefined,
  rights: { deciders: ['tenant-admin'], promiseWorkingDays: 10, holidays: 'NL' },
};

/** A tenant whose statement tells people who opened their dossier by name, not only organisation and role. */
export const namedReadersLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-named-readers-lab',
  domains: [],
  demo: undefined,
  rights: { ...kandidatenbank.rights!, openedBy: 'name' },
};

/**
 * A HalloWerk-style tenant: each municipality's staff see and decide on the requests of their own
 * residents only.
 */
export const municipalLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-municipal-lab',
  domains: [],
  demo: undefined,
  visibility: {
    ...kandidatenbank.visibility,
    candidateBank: { ...kandidatenbank.visibility.candidateBank, staffScope: 'own-org-units' },
  },
  rights: { deciders: ['staff'] },
};

/**
 * The example tenant with a newsletter (a marketing mail resting on its legitimate interest), its
 * mail folder copied to a temporary one with the newsletter's files added.
 */
export function newsletterLab(): TenantDefinition {
  const dir = mkdtempSync(join(tmpdir(), 'rights-newsletter-'));
  cpSync(kandidatenbank.mail.templatesDir, dir, { recursive: true });
  for (const locale of ['en', 'nl']) {
    writeFileSync(
      join(dir, `newsletter.${locale}.mjml`),
      '<mj-section><mj-column><mj-text>Hello {{name}}, this month: ten new employers.</mj-text></mj-column></mj-section>\n',
    );
    writeFileSync(join(dir, `newsletter.${locale}.subject.hbs`), 'Newsletter: ten new employers\n');
  }
  return {
    ...kandidatenbank,
    key: 'rights-newsletter-lab',
    domains: [],
    demo: undefined,
    mail: {
      ...kandidatenbank.mail,
      templatesDir: dir,
      templates: [
        ...kandidatenbank.mail.templates,
        { key: 'newsletter', category: 'newsletter', variables: ['name'], sample: { name: 'Sam' } },
      ],
    },
  };
}
