import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { showcaseTenant } from './support/showcase.tenant.js';
import { acceptedConnection, activeJobseeker, addressOf, FILES, setConsent, sql, type Jobseeker, upload } from './support/profile-kit.js';

type Reader = { token?: string };

/**
 * Who sees which field, through the API, for every audience and every field class. The showcase
 * tenant (defined only here) declares a field of each class for each audience that may read it,
 * so these rules are proven to follow the declaration, not the example tenant.
 */
describe('profile projection per audience', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [...registeredTenants, showcaseTenant] });
  });
  afterAll(() => t.close());

  const read = async (tenant: TenantRef, id: string, reader: Reader) => t.http('get', `/profiles/${await addressOf(t, tenant, id)}`, { tenant: tenant.key, token: reader.token });
  const fieldsSeen = async (tenant: TenantRef, id: string, reader: Reader) => {
    const res = await read(tenant, id, reader);
    expect(res.status).toBe(200);
    return { fields: Object.keys(res.body.fields).sort(), documents: res.body.documents.map((d: { field: string }) => d.field), name: res.body.name, body: res.body };
  };

  describe('a tenant declaring every field class (showcase)', () => {
    let tenant: TenantRef;
    let person: Jobseeker;
    const readers: Record<string, Reader> = {};

    beforeAll(async () => {
      tenant = await t.createTenant('profile-showcase');
      const municipality = await t.createOrgUnit(tenant, 'municipality');
      const elsewhere = await t.createOrgUnit(tenant, 'municipality');
      const connectedOrg = await t.createOrgUnit(tenant, 'employer');
      const otherOrg = await t.createOrgUnit(tenant, 'employer');
      person = await activeJobseeker(t, tenant, { givenName: 'Noor' }, { skills: ['welding'], contactPhone: '+31 6 1234 5678' }, { orgUnitId: municipality.id });
      for (const purpose of ['talentPool', 'healthShare', 'showcase']) await setConsent(t, tenant, person.id, purpose, true);
      const own = { tenant: tenant.key, token: person.token };
      expect((await t.http('patch', '/profiles/me', { ...own, body: { fields: { workLimitations: 'no heavy lifting', portfolio: 'noor.example' } } })).status).toBe(200);
      expect((await upload(t, person, 'certificate', FILES.pdf, 'Noor certificate.pdf')).status).toBe(201);
      readers.self = person;
      readers.staff = await t.signedIn(tenant, ['staff'], { orgUnitIds: [municipality.id] });
      readers.staffElsewhere = await t.signedIn(tenant, ['staff'], { orgUnitIds: [elsewhere.id] });
      readers.tenantAdmin = await t.signedIn(tenant, ['tenant-admin']);
      readers.employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [otherOrg.id] });
      readers.employerConnected = await t.signedIn(tenant, ['employer'], { orgUnitIds: [connectedOrg.id] });
      readers.partner = await t.signedIn(tenant, ['partner']);
      readers.public = {};
      await acceptedConnection(t, tenant, person.id, connectedOrg.id);
      const staffWrite = await t.http('patch', `/profiles/${person.id}`, { tenant: tenant.key, token: readers.staff.token, body: { fields: { caseNotes: 'met on monday' } } });
      expect(staffWrite.status).toBe(200);
      const adminWrite = await t.http('patch', `/profiles/${person.id}`, { tenant: tenant.key, token: readers.tenantAdmin.token, body: { fields: { adminOnly: 'x' } } });
      expect(adminWrite.status).toBe(200);
      // A platform-maintained value, written the only way it can be: not through the API.
      await sql(t, tenant, `UPDATE profiles SET fields = fields || '{"matchScore": 87}' WHERE tenant_id = $1 AND id = $2`, [person.id]);
    });

    const EVERY = ['adminOnly', 'caseNotes', 'contactPhone', 'givenName', 'matchScore', 'portfolio', 'skills', 'workLimitations'];
    it.each([
      ['self', EVERY, ['certificate'], 'Noor'],
      ['staff', EVERY.filter((k) => k !== 'adminOnly'), ['certificate'], 'Noor'],
      ['tenantAdmin', EVERY, ['certificate'], 'Noor'],
      // Identity only after a connection; internal, staff-only and platform fields never.
      ['employer', ['portfolio', 'skills', 'workLimitations'], ['certificate'], 'alias'],
      ['employerConnected', ['contactPhone', 'givenName', 'portfolio', 'skills', 'workLimitations'], ['certificate'], 'Noor'],
      ['partner', ['portfolio', 'skills', 'workLimitations'], [], 'alias'],
      // The public sees only what is declared public, never identity or special-category data.
      ['public', ['portfolio', 'skills'], [], 'alias'],
    ])('%s sees exactly %j', async (who, fields, documents, name) => {
      const seen = await fieldsSeen(tenant, person.id, readers[who]);
      expect(seen.fields).toEqual(fields);
      expect(seen.documents).toEqual(documents);
      expect(seen.name).toBe(name === 'alias' ? seen.body.alias : name);
      expect(seen.body.identityHidden).toBe(name === 'alias');
    });

    it('staff outside the profile\'s organisation units get no more than the public does', async () => {
      const seen = await fieldsSeen(tenant, person.id, readers.staffElsewhere);
      expect(seen.fields).toEqual(['portfolio', 'skills']);
      expect(seen.body.identityHidden).toBe(true);
      expect(seen.body).not.toHaveProperty('state');
    });

    it('a signed-in jobseeker reading someone else\'s profile gets the public view', async () => {
      const other = await activeJobseeker(t, tenant, { givenName: 'Other' });
      expect((await fieldsSeen(tenant, person.id, other)).fields).toEqual(['portfolio', 'skills']);
    });

    it('outsiders get a neutral file name, the person and staff the original one', async () => {
      expect((await fieldsSeen(tenant, person.id, readers.employer)).body.documents[0].fileName).toBe('certificate.pdf');
      expect((await fieldsSeen(tenant, person.id, readers.staff)).body.documents[0].fileName).toBe('Noor certificate.pdf');
    });

    it('a consent-bound field disappears for outsiders from the next request after withdrawal, and returns on a new grant', async () => {
      await setConsent(t, tenant, person.id, 'showcase', false);
      for (const who of ['employer', 'employerConnected', 'partner', 'public'])
        expect((await fieldsSeen(tenant, person.id, readers[who])).fields).not.toContain('portfolio');
      for (const who of ['self', 'staff'])
        expect((await fieldsSeen(tenant, person.id, readers[who])).fields).toContain('portfolio');
      await setConsent(t, tenant, person.id, 'showcase', true);
      expect((await fieldsSeen(tenant, person.id, readers.public)).fields).toContain('portfolio');
    });

    it('special-category data reaches an employer only while its consent stands', async () => {
      await setConsent(t, tenant, person.id, 'healthShare', false);
      expect((await fieldsSeen(tenant, person.id, readers.employerConnected)).fields).not.toContain('workLimitations');
      expect((await fieldsSeen(tenant, person.id, readers.partner)).fields).not.toContain('workLimitations');
      expect((await fieldsSeen(tenant, person.id, readers.staff)).fields).toContain('workLimitations');
      await setConsent(t, tenant, person.id, 'healthShare', true);
    });

    it('an anonymous profile hides identity even from a connected employer; the person still sees it all', async () => {
      const own = { tenant: tenant.key, token: person.token };
      expect((await t.http('post', '/profiles/me/anonymise', own)).status).toBe(200);
      const connected = await fieldsSeen(tenant, person.id, readers.employerConnected);
      // Free text is withheld too (it can name the person); the skills list is declared harmless.
      expect(connected.fields).toEqual(['skills']);
      expect(connected.name).toBe(connected.body.alias);
      expect((await fieldsSeen(tenant, person.id, readers.self)).fields).toEqual(EVERY);
      expect((await t.http('post', '/profiles/me/activate', own)).status).toBe(200);
      expect((await fieldsSeen(tenant, person.id, readers.employerConnected)).fields).toContain('givenName');
    });

    it('without the talent-pool consent the profile is gone for employers, partners and the public, not for staff', async () => {
      await setConsent(t, tenant, person.id, 'talentPool', false);
      for (const who of ['employer', 'employerConnected', 'partner', 'public'])
        expect((await read(tenant, person.id, readers[who])).status).toBe(404);
      expect((await read(tenant, person.id, readers.staff)).status).toBe(200);
      await setConsent(t, tenant, person.id, 'talentPool', true);
      expect((await read(tenant, person.id, readers.public)).status).toBe(200);
    });
  });

  describe('the candidate bank of statement 001 (kandidatenbank)', () => {
    let tenant: TenantRef;
    let person: Jobseeker;
    const readers: Record<string, Reader> = {};

    beforeAll(async () => {
      tenant = await t.createTenant('kandidatenbank');
      const bankOrg = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
      const noBankOrg = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: false });
      person = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'de Vries' }, { headline: 'Lasser', phone: '0612345678', birthDate: '1990-05-01' });
      await setConsent(t, tenant, person.id, 'healthData', true);
      await setConsent(t, tenant, person.id, 'photo', true);
      const own = { tenant: tenant.key, token: person.token };
      expect((await t.http('patch', '/profiles/me', { ...own, body: { fields: { workAccommodations: 'sta-bureau' } } })).status).toBe(200);
      expect((await upload(t, person, 'photo', FILES.png, 'sam.png')).status).toBe(201);
      expect((await upload(t, person, 'cv', FILES.pdf, 'cv-sam.pdf')).status).toBe(201);
      readers.self = person;
      readers.staff = await t.signedIn(tenant, ['staff']);
      readers.tenantAdmin = await t.signedIn(tenant, ['tenant-admin']);
      readers.recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [bankOrg.id] });
      readers.recruiterWithoutBank = await t.signedIn(tenant, ['employer'], { orgUnitIds: [noBankOrg.id] });
      readers.partner = await t.signedIn(tenant, ['partner']);
      readers.public = {};
      expect((await t.http('patch', `/profiles/${person.id}`, { tenant: tenant.key, token: readers.staff.token, body: { fields: { staffNotes: 'gesprek gehad' } } })).status).toBe(200);
    });

    const INSIDE = ['birthDate', 'firstName', 'headline', 'lastName', 'phone', 'staffNotes', 'workAccommodations'];
    it.each([
      ['self', INSIDE],
      ['staff', INSIDE],
      ['tenantAdmin', INSIDE],
      // "alle recruiters van de organisatie(s) die toegang hebben tot de kandidatenbank": no birth date, notes or health data.
      ['recruiter', ['firstName', 'headline', 'lastName', 'phone']],
    ])('%s sees exactly %j', async (who, fields) => {
      const seen = await fieldsSeen(tenant, person.id, readers[who]);
      expect(seen.fields).toEqual(fields);
      expect(seen.documents.sort()).toEqual(['cv', 'photo']);
      expect(seen.name).toBe('Sam de Vries');
    });

    it.each(['recruiterWithoutBank', 'partner', 'public'])('%s cannot open the profile at all (404)', async (who) => {
      expect((await read(tenant, person.id, readers[who])).status).toBe(404);
    });

    it('the photo reaches recruiters only while the photo consent stands', async () => {
      await setConsent(t, tenant, person.id, 'photo', false);
      expect((await fieldsSeen(tenant, person.id, readers.recruiter)).documents).toEqual(['cv']);
      expect((await fieldsSeen(tenant, person.id, readers.self)).documents.sort()).toEqual(['cv', 'photo']);
      await setConsent(t, tenant, person.id, 'photo', true);
    });

    it('"u kunt uw profiel zelfs volledig anonimiseren": recruiters then see no name, phone, CV or photo, only the alias', async () => {
      const own = { tenant: tenant.key, token: person.token };
      expect((await t.http('post', '/profiles/me/anonymise', own)).status).toBe(200);
      const seen = await fieldsSeen(tenant, person.id, readers.recruiter);
      expect(seen.fields).toEqual(['headline']);
      expect(seen.documents).toEqual([]);
      expect(seen.name).toMatch(/^Kandidaat /);
      expect(JSON.stringify(seen.body)).not.toMatch(/Sam|Vries|0612345678/);
      expect((await fieldsSeen(tenant, person.id, readers.staff)).fields).toEqual(INSIDE);
      expect((await t.http('post', '/profiles/me/activate', own)).status).toBe(200);
    });
  });
});
