import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'superagent';
import { FixedClock, PersonDataRegistry, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sweepRetention } from '../../../test/support/workers.js';
import { dumpDatabase, findTraces } from '../../../test/support/trace-scan.js';
import { hallowerkWorld, municipalJobseeker, textTag } from './hallowerk.fixture.js';

const run = promisify(execFile);

/**
 * Statement 004: "De applicatie biedt ook de mogelijkheid om loopbaanopdrachten en assessments te
 * doen. De uitslag van deze testen kun je gebruiken als input voor jouw profiel. De uitslag zelf
 * wordt niet gedeeld met werkgevers." The person's coach (the own municipality, or an execution
 * organisation it authorised) gives the assignment; the person hands it in and reads the result.
 */
describe('statement 004: career assignments and assessments', () => {
  const clock = new FixedClock('2026-09-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let storageDir: string;
  const http = (method: 'get' | 'post', path: string, token: string, body?: unknown, on: TenantRef = tenant) =>
    t.http(method, path, { tenant: on.key, token, body });
  const sql = <T>(text: string, params: unknown[]) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const tag = () => textTag();
  const assign = (personId: string, token: string, body: Record<string, unknown> = { kind: 'assessment', title: `Interessetest ${tag()}` }) =>
    http('post', `/hallowerk/people/${personId}/assignments`, token, body);
  const rows = async (personId: string) =>
    Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM hallowerk_assignments WHERE tenant_id = $1 AND person_id = $2`, [personId]))[0].n);

  /** A person with one handed-in assessment whose title, answers and result are unique to them. */
  async function assessed(visible = true) {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible });
    const secrets = { title: `Beroepskeuzetest ${tag()}`, answers: `Ik werk graag met mijn handen ${tag()}`, result: `Sterk in techniek ${tag()}` };
    const given = await assign(person.id, world.ownCoach.token, { kind: 'assessment', title: secrets.title, instructions: 'Vul de test rustig in.' });
    expect(given.status).toBe(201);
    const done = await http('post', `/hallowerk/me/assignments/${given.body.id}/completion`, person.token, { answers: secrets.answers, result: secrets.result });
    expect(done.status).toBe(200);
    return { person, id: given.body.id as string, secrets };
  }

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'hallowerk-assignments-'));
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    const authorised = await http('post', `/hallowerk/municipalities/${world.units.rotterdam.id}/execution-authorisations`, world.ownCoach.token, {
      organisationId: world.units.authorisedExecution.id,
      validFrom: '2026-09-01T09:00:00Z',
      validUntil: '2027-06-01T00:00:00Z',
    });
    expect(authorised.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('the coach gives an assessment; the person sees it, hands in answers and result and reads their own result; the coach follows it', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const given = await assign(person.id, world.ownCoach.token, { kind: 'career-assignment', title: 'Mijn ideale werkdag', instructions: 'Beschrijf je ideale werkdag.', dueOn: '2026-09-15' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ kind: 'career-assignment', title: 'Mijn ideale werkdag', dueOn: '2026-09-15', completedAt: null, answers: null, result: null });
    // The person hears of it by mail, with the way to their assignments page.
    const mailed = await sql<{ recipient_address: string; variables: Record<string, string> }>(
      `SELECT recipient_address, variables FROM mail_messages WHERE tenant_id = $1 AND template = 'assignment-given' AND person_id = $2`,
      [person.id],
    );
    expect(mailed).toEqual([
      {
        recipient_address: String(person.shared.contactEmail),
        variables: expect.objectContaining({ title: 'Mijn ideale werkdag', dueOn: '2026-09-15', assignmentsUrl: expect.stringMatching(new RegExp(`/t/${tenant.key}/x/assignments$`)) }),
      },
    ]);

    const open = await http('get', '/hallowerk/me/assignments', person.token);
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([expect.objectContaining({ id: given.body.id, instructions: 'Beschrijf je ideale werkdag.', completedAt: null })]);

    const done = await http('post', `/hallowerk/me/assignments/${given.body.id}/completion`, person.token, { answers: 'Buiten werken, in een team.', result: 'Past bij groenvoorziening' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ answers: 'Buiten werken, in een team.', result: 'Past bij groenvoorziening', completedAt: '2026-09-01T09:00:00.000Z' });
    expect((await http('get', '/hallowerk/me/assignments', person.token)).body.items).toEqual([expect.objectContaining({ result: 'Past bij groenvoorziening' })]);
    expect((await http('get', `/hallowerk/people/${person.id}/assignments`, world.ownCoach.token)).body.items).toEqual([
      expect.objectContaining({ id: given.body.id, result: 'Past bij groenvoorziening' }),
    ]);
    // "kun je gebruiken als input voor jouw profiel": the person's choice; nothing was copied into the profile.
    expect((await http('get', '/profiles/me', person.token)).text).not.toContain('groenvoorziening');
    const audit = await sql<{ action: string; details: Record<string, unknown> }>(
      // The first assignment of this tenant: every entry of the kind is this one's (subjects are pseudonymised).
      `SELECT action, details FROM audit_log WHERE tenant_id = $1 AND action LIKE 'hallowerk.assignment.%' ORDER BY id`,
      [],
    );
    expect(audit.map((a) => a.action)).toEqual(['hallowerk.assignment.assign', 'hallowerk.assignment.complete', 'hallowerk.assignment.read']);
    // Ids only in the log: no title, answer or result.
    expect(JSON.stringify(audit)).not.toMatch(/werkdag|team|groenvoorziening/);
  });

  it('an execution organisation gives and follows assignments while the municipality authorises it; without that, and for a neighbouring or other-region coach, the person does not exist (404)', async () => {
    const { person } = await assessed();
    expect((await assign(person.id, world.authorisedExecutionOrganisation.token)).status).toBe(201);
    expect((await http('get', `/hallowerk/people/${person.id}/assignments`, world.authorisedExecutionOrganisation.token)).body.items).toHaveLength(2);
    for (const outsider of [world.executionOrganisation, world.neighbourCoach, world.otherRegionCoach, world.platformSupport]) {
      expect((await assign(person.id, outsider.token)).status).toBe(404);
      expect((await http('get', `/hallowerk/people/${person.id}/assignments`, outsider.token)).status).toBe(404);
    }
    expect(await rows(person.id)).toBe(2);
  });

  it('account managers, employers and the functional administrator never give or read assignments (403), not even of a person in their own region', async () => {
    const { person } = await assessed();
    for (const who of [world.ownAccountManager, world.otherAccountManager, world.employer, world.tenantAdmin]) {
      expect((await assign(person.id, who.token)).status).toBe(403);
      const read = await http('get', `/hallowerk/people/${person.id}/assignments`, who.token);
      expect(read.status).toBe(403);
      expect(read.text).not.toContain('Beroepskeuzetest');
      // The person's own list is the person's.
      expect((await http('get', '/hallowerk/me/assignments', who.token)).status).toBe(403);
    }
    expect(await rows(person.id)).toBe(1);
  });

  it("another tenant's coach finds no such person (404); on another platform definition the routes do not exist (404)", async () => {
    const { person, id } = await assessed();
    const other = await t.createTenant('hallowerk');
    const otherMunicipality = await t.createOrgUnit(other, 'municipality');
    const otherCoach = await t.signedIn(other, ['staff'], { orgUnitIds: [otherMunicipality.id] });
    expect((await http('get', `/hallowerk/people/${person.id}/assignments`, otherCoach.token, undefined, other)).status).toBe(404);
    expect((await http('post', `/hallowerk/people/${person.id}/assignments`, otherCoach.token, { kind: 'assessment', title: 'Test' }, other)).status).toBe(404);
    const otherJobseeker = await t.signedIn(other, ['jobseeker']);
    expect((await http('post', `/hallowerk/me/assignments/${id}/completion`, otherJobseeker.token, { answers: 'x' }, other)).status).toBe(404);
    const bank = await t.createTenant('kandidatenbank');
    const bankStaff = await t.signedIn(bank, ['staff']);
    expect((await http('get', `/hallowerk/people/${person.id}/assignments`, bankStaff.token, undefined, bank)).status).toBe(404);
    expect(await rows(person.id)).toBe(1);
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const field = async (res: Promise<{ status: number; body: { errors?: { field: string }[] } }>) => {
      const r = await res;
      return { status: r.status, fields: [...new Set((r.body.errors ?? []).map((e) => e.field))] };
    };
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'quiz', title: 'Test' }))).toEqual({ status: 400, fields: ['kind'] });
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: '   ' }))).toEqual({ status: 400, fields: ['title'] });
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: 'x'.repeat(201) }))).toEqual({ status: 400, fields: ['title'] });
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: 'Test', dueOn: '2026-02-30' }))).toEqual({ status: 400, fields: ['dueOn'] });
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: 'Test', dueOn: '2026-08-31' }))).toEqual({ status: 422, fields: ['dueOn'] });
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: 'Test', instructions: null }))).toEqual({ status: 400, fields: ['instructions'] });
    // "Ook je BSN staat niet in HalloWerk"
    expect(await field(assign(person.id, world.ownCoach.token, { kind: 'assessment', title: 'Test voor 111222333' }))).toEqual({ status: 422, fields: ['title'] });
    expect((await assign('not-a-uuid', world.ownCoach.token)).status).toBe(400);
    expect(await rows(person.id)).toBe(0);

    const given = await assign(person.id, world.ownCoach.token);
    const complete = (body: unknown) => field(http('post', `/hallowerk/me/assignments/${given.body.id}/completion`, person.token, body));
    expect(await complete({})).toEqual({ status: 400, fields: ['answers'] });
    expect(await complete({ answers: 'a'.repeat(20001) })).toEqual({ status: 400, fields: ['answers'] });
    expect(await complete({ answers: 'Goed', result: 42 })).toEqual({ status: 400, fields: ['result'] });
    expect(await complete({ answers: 'Mijn BSN is 111222333' })).toEqual({ status: 422, fields: ['answers'] });
    expect((await http('post', '/hallowerk/me/assignments/not-a-uuid/completion', person.token, { answers: 'Goed' })).status).toBe(400);
    expect((await http('get', '/hallowerk/me/assignments', person.token)).body.items).toEqual([expect.objectContaining({ completedAt: null, answers: null })]);
  });

  it('a person hands in only their own assignment, and only once', async () => {
    const { person, id } = await assessed();
    const someoneElse = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    expect((await http('post', `/hallowerk/me/assignments/${id}/completion`, someoneElse.token, { answers: 'Overschreven' })).status).toBe(404);
    expect((await http('get', '/hallowerk/me/assignments', someoneElse.token)).body.items).toEqual([]);
    expect((await http('post', `/hallowerk/me/assignments/${id}/completion`, person.token, { answers: 'Nog eens' })).status).toBe(409);
    expect((await http('get', '/hallowerk/me/assignments', person.token)).body.items[0].answers).not.toBe('Nog eens');
  });

  it("the person's access request hands them their assignments and results", async () => {
    const { person, id, secrets } = await assessed();
    const request = await http('post', '/rights/requests/me', person.token, { kind: 'access' });
    expect(request.status).toBe(201);
    for (const status of ['in-progress', 'completed'])
      expect((await http('post', `/rights/requests/${request.body.id}/status`, world.ownCoach.token, { status })).status).toBe(200);
    await t.settled();
    const [mail] = await sql<{ variables: { downloadUrl: string } }>(
      `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'rights-export-ready'`,
      [person.id],
    );
    const res = await t.http('get', `/rights/exports/${new URL(mail.variables.downloadUrl).pathname.split('/').pop()}`, { tenant: tenant.key, token: person.token }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const zip = join(storageDir, `export-${tag()}.zip`);
    await writeFile(zip, res.body as Buffer);
    const { stdout } = await run('unzip', ['-p', zip, 'export.json'], { maxBuffer: 1 << 26 });
    const document = JSON.parse(stdout);
    // A tenant's own data comes under `other`, keyed by capability (docs/rights/export.schema.json).
    const part = document.other['hallowerk-assignments'];
    expect(part.assignments).toEqual([expect.objectContaining({ id, kind: 'assessment', title: secrets.title, answers: secrets.answers, result: secrets.result })]);
  });

  it('erasure through the municipality removes every assignment and leaves no title, answer or result anywhere in the database', async () => {
    const { person, secrets } = await assessed();
    const kept = await assessed();
    const request = await http('post', '/rights/requests/me', person.token, { kind: 'erasure', details: 'Verwijder alles' });
    expect(request.status).toBe(201);
    for (const status of ['in-progress', 'completed'])
      expect((await http('post', `/rights/requests/${request.body.id}/status`, world.ownCoach.token, { status })).status).toBe(200);
    await t.settled();
    expect(await rows(person.id)).toBe(0);
    const database = await dumpDatabase(t.prepared.ownerUrl);
    expect(findTraces(secrets, { database: database.text })).toEqual([]);
    // The dump does read the table: someone else's answers are still there.
    expect(findTraces(kept.secrets, { database: database.text }).map((x) => x.what).sort()).toEqual(['answers', 'result', 'title']);
  });

  it("a coach's own access request lists the assignments they gave; erasing the coach keeps them the person's, without the coach", async () => {
    const coach = await t.signedIn(tenant, ['staff'], { orgUnitIds: [world.units.rotterdam.id] });
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const given = await assign(person.id, coach.token);
    expect(given.status).toBe(201);
    const handler = t.get(PersonDataRegistry).all().find((h) => h.name === 'hallowerk-assignments')!;
    const exported = await t.get(TenantDb).forTenant(tenant, (tx) => handler.export!(tx, coach.id));
    expect(exported).toEqual({ assignments: [], given: [expect.objectContaining({ id: given.body.id, kind: 'assessment' })] });
    await t.get(TenantDb).forTenant(tenant, (tx) => handler.erase(tx, coach.id));
    const [row] = await sql<{ assigned_by: string | null }>(`SELECT assigned_by FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2`, [given.body.id]);
    expect(row.assigned_by).toBeNull();
    expect((await http('get', '/hallowerk/me/assignments', person.token)).body.items).toEqual([expect.objectContaining({ id: given.body.id })]);
  });

  it('kept with the dossier until 10 years after the end of the service, then deleted with it', async () => {
    const { person } = await assessed(false);
    expect((await http('post', `/hallowerk/people/${person.id}/end-of-service`, world.ownCoach.token)).status).toBe(200);
    clock.set('2036-08-31T09:00:00Z');
    await sweepRetention(t, tenant);
    expect(await rows(person.id)).toBe(1);
    clock.set('2036-09-02T09:00:00Z');
    await sweepRetention(t, tenant);
    expect(await rows(person.id)).toBe(0);
  });
});

function binary(res: Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

