import type { DemoCredential } from '../../libs/platform/src/index.js';

/** Prints demo sign-ins at start-up, so a new developer can try every role at once. */
export function printDemoCredentials(creds: DemoCredential[], port: number): void {
  const lines = creds.map(
    (c) => `  ${c.tenant.padEnd(22)} ${c.roles.join(',').padEnd(20)} ${c.email.padEnd(38)} ${c.password}`,
  );
  console.log(
    [
      `Web portal: open http://localhost:${port}/ and pick a demo tenant (or http://localhost:${port}/t/<tenant>/).`,
      'Demo accounts (sign in on the portal, or with POST /auth/login and header X-Tenant: <tenant>):',
      `  ${'tenant'.padEnd(22)} ${'roles'.padEnd(20)} ${'e-mail'.padEnd(38)} password`,
      ...lines,
      `  e.g. curl -H 'X-Tenant: ${creds[1]?.tenant ?? 'platform'}' -H 'content-type: application/json' \\`,
      `       -d '{"email":"${creds[1]?.email ?? ''}","password":"${creds[1]?.password ?? ''}"}' http://localhost:${port}/auth/login`,
    ].join('\n'),
  );
}

/** A boot failure prints its reason (config, tenant definition, database) and exits non-zero. */
export function exitOnBootFailure(err: unknown): never {
  const e = err as Error;
  const fields = (e as { errors?: { field: string; reason: string }[] })?.errors ?? [];
  const detail = fields.map((f) => `  - ${f.field}: ${f.reason}`).join('\n');
  console.error(`\nThe platform could not start: ${e?.name ?? 'Error'}\n${e?.message ?? String(err)}\n${detail}`);
  process.exit(1);
}
