import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { testOnlyTenant } from '../../../../test/support/test-only-tenant/test-only.tenant.js';
import { tenants } from '../../../../tenants/index.js';

/** Signs that an internal error escaped: stack frames, file positions, SQL, driver names. */
const INTERNALS =
  /(\bat \S+ \()|(\.(ts|js):\d+)|\b(SELECT|INSERT|UPDATE|DELETE|constraint|violates|relation)\b|QueryFailedError|test_only_notes/i;

/** Every error is one RFC 9457 problem document that names what was wrong and nothing internal. */
describe('error responses', () => {
  let t: TestApp;
  let x: TenantRef;
  let staff: Awaited<ReturnType<TestApp['signedIn']>>;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [...tenants, testOnlyTenant] });
    x = await t.createTenant('test-only');
    staff = await t.signedIn(x, ['staff']);
    admin = await t.signedIn(x, ['tenant-admin']);
  });
  afterAll(() => t?.close());

  function expectProblem(
    res: {
      status: number;
      headers: Record<string, string>;
      body: Record<string, unknown>;
      text: string;
    },
    status: number,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
    expect(res.text).not.toMatch(INTERNALS);
  }

  const raw = (
    method: 'post' | 'put',
    path: string,
    body: string,
    contentType = 'application/json',
  ) =>
    t
      .http(method, path, {
        tenant: x.key,
        token: admin.token,
        headers: { 'content-type': contentType },
      })
      .send(body);

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await raw('post', '/org-units', '{"key": "a", "name": ');
    expectProblem(res, 400);
  });

  it('rejects unknown properties, naming each one', async () => {
    const res = await t.http('post', '/org-units', {
      tenant: x.key,
      token: admin.token,
      body: { key: 'unit-a', name: 'A', kind: 'team', colour: 'red', tenantId: 'x' },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { field: 'colour', reason: 'property colour should not exist' },
      { field: 'tenantId', reason: 'property tenantId should not exist' },
    ]);
  });

  it('names nested fields with their path', async () => {
    const platform = await t.platformTenant();
    const operator = await t.signedIn(platform, ['platform-operator']);
    const res = await t.http('post', '/platform/tenants', {
      tenant: platform.key,
      token: operator.token,
      body: {
        key: 'nested-check',
        plugin: 'test-only',
        name: 'n',
        admin: { email: 'a@b.example', displayName: 'A', password: 'long-enough-pass', role: 'x' },
      },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { field: 'admin.role', reason: 'property role should not exist' },
    ]);
  });

  it('answers a body in a type no route accepts with 415, and a huge one with 413', async () => {
    expectProblem(await raw('post', '/org-units', '<unit key="a"/>', 'application/xml'), 415);
    expectProblem(
      await raw('post', '/org-units', JSON.stringify({ name: 'x'.repeat(1_100_000) })),
      413,
    );
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(
      await t.http('get', '/no/such/route', { tenant: x.key, token: admin.token }),
      404,
    );
  });

  it('answers 401 and 403 as problems too', async () => {
    expectProblem(await t.http('get', '/accounts', { tenant: x.key }), 401);
    expectProblem(await t.http('get', '/accounts', { tenant: x.key, token: staff.token }), 403);
  });

  it('hides a database failure behind a generic 500: no SQL, no constraint, no stack', async () => {
    // The test-only tenant's table accepts 20 characters where its route accepts 200.
    const res = await t.http('post', '/test-only/notes', {
      tenant: x.key,
      token: staff.token,
      body: { text: 'x'.repeat(50) },
    });
    expectProblem(res, 500);
    expect(res.body.detail).toBe('Something went wrong on our side; it has been logged');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers a NUL character in any JSON string with a 400 naming the field, before it reaches the database', async () => {
    const res = await t.http('post', '/test-only/notes', {
      tenant: x.key,
      token: staff.token,
      body: { text: 'a\u0000b' },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { field: 'text', reason: 'must not contain a NUL character' },
    ]);
    const nested = await raw(
      'post',
      '/org-units',
      JSON.stringify({ key: 'k', name: 'n', kind: 'team', list: [{ deep: 'x\u0000' }] }),
    );
    expectProblem(nested, 400);
    expect(nested.body.errors).toEqual([
      { field: 'list[0].deep', reason: 'must not contain a NUL character' },
    ]);
  });

  it('never writes part of a refused request', async () => {
    const before = (await t.http('get', '/org-units', { tenant: x.key, token: admin.token })).body
      .items.length;
    await t.http('post', '/org-units', {
      tenant: x.key,
      token: admin.token,
      body: {
        key: 'half',
        name: 'Half',
        kind: 'team',
        parentId: '00000000-0000-4000-8000-000000000000',
      },
    });
    const after = (await t.http('get', '/org-units', { tenant: x.key, token: admin.token })).body
      .items.length;
    expect(after).toBe(before);
  });
});
