import { setTimeout as delay } from 'node:timers/promises';
import type { TenantRef } from '../../../../libs/context/src/index.js';
import { TestApp, type TestAccount } from '../../../../test/support/test-app.js';
import { killApi, spawnApi, type ApiProcess } from '../../../../test/support/api-process.js';

const CLIENTS = 8;
// Long enough for the balancer to notice on a busy CI machine (it notices within a few probes when idle).
const DRAIN_SECONDS = 6;
/** How often the simulated load balancer asks for readiness. */
const PROBE_MS = 100;

interface Outcome {
  startedAt: number;
  endedAt: number;
  result: number | string;
}

/**
 * A rolling restart: an api process under load gets SIGTERM. It must fail no request: it keeps
 * serving while readiness tells the balancer (here a probe loop, as a balancer does) to send new
 * requests elsewhere, then closes and finishes what it still has, and exits 0.
 */
describe('an api process stopped with SIGTERM under load', () => {
  let t: TestApp;
  let api: ApiProcess | undefined;
  let tenant: TenantRef;
  let account: TestAccount;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    account = await t.createAccount(tenant, ['staff']);
  });
  afterAll(async () => {
    await killApi(api);
    await t?.close();
  });

  it('answers every request it accepted, in flight at the signal or sent while it drained, and exits 0', async () => {
    api = await spawnApi({ prepared: t.prepared, env: { SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS), LOG_LEVEL: 'warn' } });
    const base = api.url;
    let inRotation = true;
    let signalledAt = Infinity;
    let outOfRotationAt = Infinity;

    // Half the clients sign in: slow on purpose (argon2id) and writes a session: real work in flight.
    const signIn = () =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tenant': tenant.key },
        body: JSON.stringify({ email: account.email, password: account.password }),
      });
    // A database round trip, quick: these keep new requests arriving during the drain.
    const check = () => fetch(`${base}/health`);
    const outcomes: Outcome[] = [];
    const client = async (i: number) => {
      while (inRotation) {
        const startedAt = performance.now();
        const result = await (i % 2 ? signIn() : check()).then(
          async (res) => (await res.arrayBuffer(), res.status),
          (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
        );
        outcomes.push({ startedAt, endedAt: performance.now(), result });
      }
    };
    const balancer = async () => {
      while (inRotation) {
        const status = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0);
        if (status !== 200 && performance.now() > signalledAt) {
          inRotation = false;
          outOfRotationAt = performance.now();
        }
        await delay(PROBE_MS);
      }
    };

    const load = [balancer(), ...Array.from({ length: CLIENTS }, (_, i) => client(i))];
    await delay(1500);
    signalledAt = performance.now();
    api.child.kill('SIGTERM');
    await Promise.all(load);
    const exit = await api.exited;

    const failed = outcomes.filter((o) => o.result !== 200);
    expect(failed).toEqual([]);
    expect(exit).toBe(0);
    // The signal came under load: requests were in flight at it, and more were accepted after it.
    const inFlightAtSignal = outcomes.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt);
    const sentAfterSignal = outcomes.filter((o) => o.startedAt > signalledAt);
    expect(inFlightAtSignal.length).toBeGreaterThan(0);
    expect(sentAfterSignal.length).toBeGreaterThan(0);
    // The balancer noticed within a few probes, well inside the drain.
    expect(outOfRotationAt - signalledAt).toBeLessThan(DRAIN_SECONDS * 1000);
    expect(api.output()).toContain('SIGTERM: shutting down');
    console.log(
      `drain: ${outcomes.length} requests, ${inFlightAtSignal.length} in flight at SIGTERM, ${sentAfterSignal.length} sent after it, ` +
        `out of rotation after ${Math.round(outOfRotationAt - signalledAt)} ms, none failed`,
    );
  }, 240_000);
});
