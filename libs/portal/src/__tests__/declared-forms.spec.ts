import type { TenantRef } from '../../../context/src/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { tenants as registered } from '../../../../tenants/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal, registeredJobseeker } from './support/portal-fixtures.js';

/** A tenant on the candidate bank's rules with a help text and a label with its own brand. */
const showcase: TenantDefinition = {
  ...kandidatenbank,
  key: 'portal-showcase',
  name: 'Portal showcase',
  domains: [],
  demo: undefined,
  profile: {
    ...kandidatenbank.profile,
    fields: kandidatenbank.profile.fields.map((f) =>
      f.key === 'headline' ? { ...f, help: { nl: 'Bijvoorbeeld: monteur, kok of verpleegkundige.', en: 'For example: fitter, cook or nurse.' } } : f,
    ),
  },
  mail: {
    ...kandidatenbank.mail,
    brands: { techniek: { senderName: 'Techniek Banen', senderAddress: 'jobs@techniek.example', primaryColour: '#ff9900' } },
  },
  portal: { ...kandidatenbank.portal, labels: [{ brand: 'techniek', domains: ['techniek.localhost'] }] },
};

/** The ids of the inputs that have a message next to them. */
const invalidInputs = (html: string) => [...html.matchAll(/id="(f-[^"]+)-error"/g)].map((m) => m[1]).sort();
const input = (html: string, id: string) => new RegExp(`<(input|textarea|select)[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('forms come from the tenant’s field declarations and are judged as the API judges them', () => {
  let t: TestApp;
  let outbox: string;
  let tenant: TenantRef;
  let web: PortalClient;
  let token: string;

  beforeAll(async () => {
    ({ t, outbox } = await bootPortal({ tenants: [...registered, showcase] }));
    tenant = await t.createTenant('portal-showcase');
    web = new PortalClient(t, tenant.key);
    const me = await registeredJobseeker(t, web, tenant, outbox, { firstName: 'Sam', lastName: 'de Vries' });
    token = await t.login({ email: me.email, password: me.password, tenant });
  });
  afterAll(() => t?.close());

  it('each declared field the person writes has its label, required mark, help, who sees it, and the special-category warning', async () => {
    const page = (await web.get('/profile')).text;
    for (const f of showcase.profile.fields.filter((x) => x.write.includes('self') && x.type !== 'document')) {
      const label = typeof f.label === 'string' ? f.label : f.label.nl;
      expect(page).toContain(label);
    }
    expect(page).toMatch(/for="f-fields-firstName">Voornaam <span class="portal-required">\(verplicht\)<\/span>/);
    expect(page).toContain('Bijvoorbeeld: monteur, kok of verpleegkundige.');
    expect(input(page, 'f-fields-headline')).toContain('aria-describedby="f-fields-headline-help f-fields-headline-hint"');
    expect(page).toContain('Wie dit ziet: onze medewerkers, beheerders, werkgevers.');
    expect(page).toMatch(/id="f-fields-workAccommodations-warning">Dit is een gevoelig persoonsgegeven[^<]*Gezondheidsgegevens vastleggen/);
    // Fields the person may not write (test results, staff notes) are not in the form.
    expect(page).not.toContain('name="fields.staffNotes"');
    expect(page).not.toContain('name="fields.testResults"');
    expect(input(page, 'f-fields-firstName')).toContain('autocomplete="given-name"');
  });

  it('the same change is refused for the same fields by the page and by PATCH /profiles/me, and the page says so next to each field', async () => {
    const form = {
      'fields.firstName': '',
      'fields.lastName': 'de Vries',
      'fields.postcode': '!!',
      'fields.hoursPerWeek': '100',
      'fields.workAccommodations': 'Rolstoel',
      'fields.workExperience[0].employer': 'Zonder functie',
    };
    const res = await web.post('/profile', form);
    expect(res.status).toBe(422);
    const api = await t.http('patch', '/profiles/me', {
      tenant: tenant.key,
      token,
      body: { fields: { firstName: '', lastName: 'de Vries', postcode: '!!', hoursPerWeek: 100, workAccommodations: 'Rolstoel', workExperience: [{ employer: 'Zonder functie' }] } },
    });
    expect(api.status).toBe(422);
    const apiFields = (api.body.errors as { field: string }[]).map((e) => `f-${e.field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`).sort();
    expect(invalidInputs(res.text)).toEqual(apiFields);
    // Each message is announced with its field, and linked from the summary on top.
    for (const id of apiFields) {
      expect(input(res.text, id)).toContain('aria-invalid="true"');
      expect(input(res.text, id)).toMatch(new RegExp(`aria-describedby="[^"]*${id}-error`));
      expect(res.text).toContain(`href="#${id}"`);
    }
    expect(res.text).toContain('mag hoogstens 60 zijn');
    // What was typed is kept.
    expect(input(res.text, 'f-fields-postcode')).toContain('value="!!"');
  });

  it('"add another entry" gives the list field an empty row more and saves nothing', async () => {
    const res = await web.post('/profile', { 'fields.firstName': 'Sam', 'fields.lastName': 'de Vries', 'fields.workExperience[0].role': 'Kok', _add: 'workExperience' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="fields.workExperience[1].role"');
    expect(res.text).toContain('value="Kok"');
    expect((await t.http('get', '/profiles/me', { tenant: tenant.key, token })).body.fields.workExperience).toBeUndefined();
  });

  it('a label looks like itself on its own host name: its brand name and colour, the tenant’s elsewhere', async () => {
    const label = await new PortalClient(t, tenant.key, 'techniek.localhost').get('/');
    expect(label.text).toContain('>Techniek Banen</a>');
    const own = await new PortalClient(t, tenant.key).get('/');
    expect(own.text).toContain('>Portal showcase</a>');
    const colour = (html: string) => /--portal-brand:(#[0-9a-f]{6})/.exec(html)?.[1];
    expect(colour(own.text)).toBe('#0b5394');
    // The label's orange is darkened just enough for white text on it (WCAG 1.4.3).
    expect(colour(label.text)).not.toBe('#ff9900');
    expect(colour(label.text)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
