import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { TenantRegistry } from '../../../tenancy/src/tenant-registry.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { MailService } from '../mail.service.js';
import { MailTemplatesService } from '../mail-templates.service.js';
import { MailTemplateError, MailVariablesError, UnknownTemplateError } from '../mail-template.errors.js';
import { tenantWithFile } from './support/tenant-with-file.js';

describe('mail templates', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => t?.close());

  const compile = (def: TenantDefinition) => t.get(MailTemplatesService).compileAll([def]);

  it('a template that uses a variable its declaration does not provide fails, naming the file and the variable', async () => {
    const def = tenantWithFile(
      'verify-email.nl.mjml',
      '<mj-section><mj-column><mj-text>Hallo {{name}}, je wachtwoord is {{password}}</mj-text></mj-column></mj-section>',
    );
    const err = await compile(def).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailTemplateError);
    expect((err as MailTemplateError).problems).toContainEqual({
      file: join(def.mail.templatesDir, 'verify-email.nl.mjml'),
      reason: 'uses variable "password", which the declaration of "verify-email" does not provide',
    });
  });

  it('an undeclared variable in a subject is caught as well', async () => {
    const def = tenantWithFile('verify-email.en.subject.hbs', 'Welcome {{firstName}}');
    const err = (await compile(def).catch((e: unknown) => e)) as MailTemplateError;
    expect(err.problems).toContainEqual({
      file: join(def.mail.templatesDir, 'verify-email.en.subject.hbs'),
      reason: 'uses variable "firstName", which the declaration of "verify-email" does not provide',
    });
  });

  it('a block helper that MJML would silently drop is reported instead of sending a broken mail', async () => {
    const def = tenantWithFile(
      'verify-email.en.mjml',
      '<mj-section><mj-column>{{#if name}}<mj-text>Hello {{name}}</mj-text>{{/if}}<mj-button href="{{verifyUrl}}">Go</mj-button></mj-column></mj-section>',
    );
    const err = (await compile(def).catch((e: unknown) => e)) as MailTemplateError;
    expect(err.problems.map((p) => p.reason)).toContain('MJML dropped the Handlebars expression {{#if name}} (put block helpers inside <mj-raw>)');
  });

  it('invalid Handlebars and unknown helpers fail with the file named', async () => {
    const def = tenantWithFile('verify-email.en.subject.hbs', 'Hello {{#if name}}');
    const err = (await compile(def).catch((e: unknown) => e)) as MailTemplateError;
    expect(err.problems[0].file).toBe(join(def.mail.templatesDir, 'verify-email.en.subject.hbs'));
    expect(err.problems[0].reason).toMatch(/^is not valid Handlebars/);
    const helper = tenantWithFile('verify-email.en.subject.hbs', '{{shout name}}');
    const err2 = (await compile(helper).catch((e: unknown) => e)) as MailTemplateError;
    expect(err2.problems).toContainEqual({ file: join(helper.mail.templatesDir, 'verify-email.en.subject.hbs'), reason: 'uses unknown helper "shout"' });
  });

  it('every template of every registered tenant compiles, with an HTML and a plain-text part in each locale', () => {
    const templates = t.get(MailTemplatesService);
    for (const def of t.get(TenantRegistry).all())
      for (const entry of templates.catalogue(def))
        for (const locale of entry.locales) {
          const rendered = templates.renderSample(templates.resolve(def, entry.key, locale));
          expect(rendered.subject.length).toBeGreaterThan(0);
          expect(rendered.html).toContain('<html');
          expect(rendered.text.length).toBeGreaterThan(20);
          expect(rendered.text).not.toContain('<');
        }
  });

  it('resolves the locale through the chain: requested, tenant default, core default', async () => {
    const templates = t.get(MailTemplatesService);
    const own = kandidatenbank.mail.templates.filter((x) => x.key === 'verify-email' || x.key === 'profile-reconfirm');
    const minimal: TenantDefinition = { ...kandidatenbank, key: 'minimal-mail', mail: { ...kandidatenbank.mail, templates: own } };
    await templates.compileAll([minimal]);
    expect(templates.resolve(minimal, 'profile-reconfirm', 'en')).toMatchObject({ locale: 'en', origin: 'tenant' });
    expect(templates.resolve(minimal, 'profile-reconfirm', 'fr')).toMatchObject({ locale: 'nl', origin: 'tenant' });
    expect(templates.resolve(minimal, 'profile-reconfirm', undefined)).toMatchObject({ locale: 'nl', origin: 'tenant' });
    expect(templates.resolve(minimal, 'password-reset', 'en')).toMatchObject({ locale: 'en', origin: 'core' });
    expect(templates.resolve(minimal, 'password-reset', 'fr')).toMatchObject({ locale: 'nl', origin: 'core' });
    const german: TenantDefinition = { ...minimal, key: 'german-mail', locales: ['de'], defaultLocale: 'de', mail: { ...minimal.mail, templates: [] } };
    await templates.compileAll([german]);
    expect(templates.resolve(german, 'password-reset', 'de')).toMatchObject({ locale: 'en', origin: 'core' });
    const alert = templates.renderSample(templates.resolve(minimal, 'vacancy-alert', 'en'));
    expect(alert.text).toContain('Welder (m/f/x) (https://example.org/vacancies/1)');
    expect(alert.text).toContain('Pipe fitter (https://example.org/vacancies/2)');
    expect(() => templates.resolve(minimal, 'no-such-template', 'en')).toThrow(UnknownTemplateError);
  });

  it('enqueue refuses missing and undeclared variables and an invalid address before anything is written', async () => {
    const enqueue = (variables: Record<string, unknown>, address = 'sam@example.test') =>
      t.get(TenantDb).forTenant(tenant, (tx) => t.get(MailService).enqueue(tx, { template: 'verify-email', to: { address }, variables }));
    await expect(enqueue({ name: 'Sam' })).rejects.toThrow(new MailVariablesError('verify-email', ['variable "verifyUrl" is missing']));
    await expect(enqueue({ name: 'Sam', verifyUrl: 'https://x.test', bsn: '123' })).rejects.toThrow('variable "bsn" is not declared');
    await expect(enqueue({ name: 'Sam', verifyUrl: 'https://x.test' }, 'not an address')).rejects.toMatchObject({
      errors: [{ field: 'to.address', reason: 'must be a valid e-mail address' }],
    });
  });

  describe('previews for tenant admins', () => {
    it('renders every template with its sample data, per locale', async () => {
      const admin = await t.signedIn(tenant, ['tenant-admin']);
      const list = await t.http('get', '/mail/templates', { tenant: tenant.key, token: admin.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { key: string }) => i.key)).toEqual(
        expect.arrayContaining(['verify-email', 'profile-reconfirm', 'password-reset', 'connection-request']),
      );
      for (const locale of ['nl', 'en']) {
        const res = await t.http('get', `/mail/templates/profile-reconfirm/preview?locale=${locale}`, { tenant: tenant.key, token: admin.token });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ key: 'profile-reconfirm', locale, category: 'reminder', origin: 'tenant' });
        expect(res.body.html).toContain(locale === 'nl' ? 'Hallo Sam,' : 'Hello Sam,');
        expect(res.body.text).toContain(locale === 'nl' ? 'Afmelden (kosteloos)' : 'Unsubscribe (free of charge)');
      }
    });

    it('is closed to other roles, says 404 for an unknown template and names a bad locale', async () => {
      const admin = await t.signedIn(tenant, ['tenant-admin']);
      const staff = await t.signedIn(tenant, ['staff']);
      expect((await t.http('get', '/mail/templates', { tenant: tenant.key, token: staff.token })).status).toBe(403);
      expect((await t.http('get', '/mail/templates/nope/preview', { tenant: tenant.key, token: admin.token })).status).toBe(404);
      const bad = await t.http('get', '/mail/templates/verify-email/preview?locale=xx_yy', { tenant: tenant.key, token: admin.token });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('locale');
    });
  });
});
