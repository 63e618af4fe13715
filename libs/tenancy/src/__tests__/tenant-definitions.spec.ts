import pg from 'pg';
import {
  jobseekerIdentityReaders,
  tenantDefinitionProblems,
  TenantDefinitionError,
  type TenantDefinition,
} from '../../../plugin-api/src/index.js';
import { createApiApp } from '../../../platform/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { verifyAddress } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { testOnlyTenant } from '../../../../test/support/test-only-tenant/test-only.tenant.js';
import { tenants } from '../../../../tenants/index.js';

/** A tenant is a declaration the platform checks at boot; a new one needs no change to the core. */
describe('tenant definitions', () => {
  describe('a broken definition', () => {
    const boot = (defs: readonly TenantDefinition[]) =>
      createApiApp({ tenants: defs, env: process.env });

    it('stops the boot with a message naming the tenant and every problem', async () => {
      const broken = {
        ...testOnlyTenant,
        key: 'broken-one',
        defaultLocale: 'de',
        settings: [{ key: 'quietDays', label: 'x', type: 'integer', default: 99, min: 1, max: 30 }],
      } as TenantDefinition;
      const err = await boot([...tenants, broken]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TenantDefinitionError);
      const message = (err as Error).message;
      expect(message).toContain('Tenant "broken-one" is invalid');
      expect(message).toContain('defaultLocale "de" is not in locales');
      expect(message).toContain('setting "quietDays": default 99 is outside [1, 30]');
    });

    it('names a missing template file', async () => {
      const broken = {
        ...testOnlyTenant,
        key: 'no-template',
        mail: {
          ...testOnlyTenant.mail,
          templates: [
            ...testOnlyTenant.mail.templates,
            { key: 'ghost', category: 'notification', variables: [], sample: {} },
          ],
        },
      } as TenantDefinition;
      await expect(boot([broken])).rejects.toThrow(
        /Tenant "no-template" is invalid:[\s\S]*template "ghost": missing file ghost\.en\.mjml/,
      );
    });

    it('refuses a field only staff may see that is readable by employers, and two tenants with one key', async () => {
      const leaky = {
        ...testOnlyTenant,
        key: 'leaky',
        profile: {
          ...testOnlyTenant.profile,
          fields: [
            {
              key: 'notes',
              label: 'x',
              type: 'text',
              internalOnly: true,
              read: ['self', 'staff', 'employer'],
              write: ['staff'],
            },
          ],
        },
      } as TenantDefinition;
      await expect(boot([leaky])).rejects.toThrow(
        /field "notes": internal-only but readable by employer/,
      );
      await expect(boot([testOnlyTenant, testOnlyTenant])).rejects.toThrow(
        /Tenant "test-only" is invalid:[\s\S]*two tenant definitions use this key/,
      );
    });

    it('refuses to show an identifying, special-category or document field on an anonymous profile', () => {
      const field = (over: Record<string, unknown>) =>
        tenantDefinitionProblems({
          ...testOnlyTenant,
          profile: {
            ...testOnlyTenant.profile,
            fields: [
              ...testOnlyTenant.profile.fields,
              { key: 'extra', label: 'x', type: 'string', read: ['self', 'staff', 'employer'], write: ['self'], whileAnonymous: 'shown', ...over },
            ],
          },
        } as TenantDefinition);
      expect(field({})).toEqual([]);
      expect(field({ identifying: true })).toContain('field "extra": identifying or special-category data cannot be shown on an anonymous profile');
      expect(field({ specialCategory: true })).toContain('field "extra": identifying or special-category data cannot be shown on an anonymous profile');
      expect(field({ type: 'document', accept: ['application/pdf'] })).toContain(
        'field "extra": a document can hold anything and is never shown on an anonymous profile',
      );
    });
  });

  describe("who sees a jobseeker's account identity (visibility.accountIdentity)", () => {
    const withIdentity = (jobseekers: readonly string[], read: readonly string[]) =>
      ({
        ...testOnlyTenant,
        key: 'identity-rules',
        profile: {
          ...testOnlyTenant.profile,
          fields: [{ key: 'name', label: 'Name', type: 'string', read, write: ['self'], identifying: true }],
        },
        visibility: { ...testOnlyTenant.visibility, accountIdentity: { jobseekers } },
      }) as TenantDefinition;

    it('refuses a demo seeder that is no provider class, or that no tenant module provides', () => {
      const demo = { orgUnits: [], accounts: [] };
      const notAClass = { ...testOnlyTenant, key: 'seeder-one', demo: { ...demo, seeder: 'seed-me' } } as unknown as TenantDefinition;
      expect(tenantDefinitionProblems(notAClass)).toContain('demo.seeder must be a provider class of the tenant module');
      class Seeder {
        seed() {
          return Promise.resolve([]);
        }
      }
      const noModule = { ...testOnlyTenant, key: 'seeder-two', module: undefined, demo: { ...demo, seeder: Seeder } } as TenantDefinition;
      expect(tenantDefinitionProblems(noModule)).toContain('demo.seeder needs the tenant module that provides it');
    });

    it('refuses a role that would see names and sign-in addresses the field declarations hide from it', () => {
      expect(tenantDefinitionProblems(withIdentity(['staff', 'tenant-admin'], ['self', 'staff']))).toEqual([
        "visibility.accountIdentity: tenant-admin would see jobseekers' names and sign-in addresses, but reads none of their identifying profile fields",
      ]);
      expect(tenantDefinitionProblems(withIdentity(['employer'], ['self', 'staff', 'employer']))).toEqual([
        'visibility.accountIdentity: "employer" is not a role that administers accounts (staff, tenant-admin)',
      ]);
      expect(tenantDefinitionProblems(withIdentity(['staff'], ['self', 'staff']))).toEqual([]);
    });

    it('follows the identifying fields when a tenant declares nothing, and each tenant says what its statement says', () => {
      const { accountIdentity: _declared, ...visibility } = withIdentity([], ['self', 'staff']).visibility;
      const derived = (read: readonly string[]) =>
        jobseekerIdentityReaders({ ...withIdentity([], read), visibility } as TenantDefinition);
      expect(derived(['self', 'staff'])).toEqual(['staff']);
      expect(derived(['self', 'staff', 'tenant-admin'])).toEqual(['staff', 'tenant-admin']);
      const byKey = new Map(tenants.map((d) => [d.key, jobseekerIdentityReaders(d)]));
      // Statement 000: administrators manage the service, not dossiers. Statement 001: no such limit.
      expect(byKey.get('refugee-talent-pool')).toEqual(['staff']);
      expect(byKey.get('kandidatenbank')).toEqual(['staff', 'tenant-admin']);
    });
  });

  describe('the test-only tenant, defined inside the test suite', () => {
    let t: TestApp;
    let x: TenantRef;
    let y: TenantRef;
    let admin: Awaited<ReturnType<TestApp['signedIn']>>;

    beforeAll(async () => {
      t = await TestApp.boot({ tenants: [...tenants, testOnlyTenant] });
      x = await t.createTenant('test-only');
      y = await t.createTenant('test-only');
      admin = await t.signedIn(x, ['tenant-admin']);
    });
    afterAll(() => t?.close());

    it('loads with its own migration: its table exists with row-level security forced', async () => {
      const owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
      await owner.connect();
      const { rows } = await owner.query(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'test_only_notes'`,
      );
      await owner.end();
      expect(rows).toEqual([{ relrowsecurity: true, relforcerowsecurity: true }]);
    });

    it("serves its own routes through the core's guard, validation and tenant isolation", async () => {
      const staffX = await t.signedIn(x, ['staff']);
      const staffY = await t.signedIn(y, ['staff']);
      expect(
        (
          await t.http('post', '/test-only/notes', {
            tenant: x.key,
            token: staffX.token,
            body: { text: 'in x' },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.http('post', '/test-only/notes', {
            tenant: y.key,
            token: staffY.token,
            body: { text: 'in y' },
          })
        ).status,
      ).toBe(201);
      const listX = await t.http('get', '/test-only/notes', { tenant: x.key, token: staffX.token });
      expect(listX.body.items.map((n: { text: string }) => n.text)).toEqual(['in x']);
      expect(
        (await t.http('get', '/test-only/notes', { tenant: x.key, token: staffY.token })).status,
      ).toBe(401);
      expect(
        (await t.http('get', '/test-only/notes', { tenant: x.key, token: admin.token })).status,
      ).toBe(403);
      const bad = await t.http('post', '/test-only/notes', {
        tenant: x.key,
        token: staffX.token,
        body: { text: 7 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('text');
    });

    it('exposes its declared settings with their bounds and defaults through the API', async () => {
      const res = await t.http('get', '/settings', { tenant: x.key, token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          key: 'quietDays',
          type: 'integer',
          min: 1,
          max: 30,
          default: 10,
          value: 10,
        }),
        expect.objectContaining({ key: 'digest', type: 'boolean', default: false, value: false }),
        expect.objectContaining({
          key: 'tone',
          type: 'enum',
          options: ['plain', 'warm'],
          value: 'plain',
        }),
      ]);
    });

    it('takes its own profile fields through the profile API, checked against its declarations', async () => {
      const email = `person-${Date.now()}@example.test`;
      const password = 'a-long-and-private-passphrase';
      const registered = await t.http('post', '/profiles/register', {
        tenant: x.key,
        body: { email, fields: { nickname: 'Sammy' } },
      });
      expect(registered.status).toBe(202);
      expect((await verifyAddress(t, x, email, password)).status).toBe(200);
      const token = await t.login({ email, password, tenant: x });
      const patched = await t.http('patch', '/profiles/me', {
        tenant: x.key,
        token,
        body: { fields: { favouriteColour: 'green' } },
      });
      expect(patched.status).toBe(200);
      const me = await t.http('get', '/profiles/me', { tenant: x.key, token });
      expect(me.body.fields).toEqual({ nickname: 'Sammy', favouriteColour: 'green' });
      const bad = await t.http('patch', '/profiles/me', {
        tenant: x.key,
        token,
        body: { fields: { favouriteColour: 'purple', headline: 'a kandidatenbank field' } },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'fields.favouriteColour',
        'fields.headline',
      ]);
    });

    it('has its own mail templates, rendered through the API with its sample data', async () => {
      const list = await t.http('get', '/mail/templates', { tenant: x.key, token: admin.token });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body.items)).toContain('still-there');
      const preview = await t.http('get', '/mail/templates/still-there/preview?locale=en', {
        tenant: x.key,
        token: admin.token,
      });
      expect(preview.status).toBe(200);
      expect(JSON.stringify(preview.body)).toContain('Are you still there, Sam?');
    });

    it('is listed among the definitions a platform operator can create tenants on', async () => {
      const platform = await t.platformTenant();
      const operator = await t.signedIn(platform, ['platform-operator']);
      const res = await t.http('get', '/platform/tenants', {
        tenant: platform.key,
        token: operator.token,
      });
      expect(res.body.plugins).toContain('test-only');
    });
  });
});
