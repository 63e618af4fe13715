import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, PUBLISHED_SECRETS } from '../app-config.js';
import { createApiApp } from '../../../platform/src/index.js';
import { tenants } from '../../../../tenants/index.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
};

/** The environment is checked once at boot; a mistake fails start-up with the variable's name. */
describe('configuration', () => {
  it('starts with development defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      ACCESS_TOKEN_TTL_SECONDS: 600,
      SEED_DEMO: true,
    });
  });

  it('reads numbers and booleans from their text', () => {
    expect(loadConfig({ PORT: '8080', SEED_DEMO: 'false', RUN_MIGRATIONS: 'yes' })).toMatchObject({
      PORT: 8080,
      SEED_DEMO: false,
      RUN_MIGRATIONS: true,
    });
  });

  it.each([
    ['PORT', 'eighty', /^PORT: PORT must be an integer number \(got "eighty"\)/],
    ['PORT', '70000', /^PORT: PORT must not be greater than 65535/],
    ['JWT_SECRET', 'too-short', /^JWT_SECRET: JWT_SECRET must be at least 32 characters/],
    ['DATABASE_URL', 'mysql://db/x', /^DATABASE_URL: /],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL: /],
    ['ACCESS_TOKEN_TTL_SECONDS', '86400', /^ACCESS_TOKEN_TTL_SECONDS: .*not be greater than 3600/],
  ])('refuses %s=%s, naming the variable', (name, value, pattern) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${name}: `))).toBe(true);
    expect(problems.some((p) => pattern.test(p))).toBe(true);
  });

  it('trusts no proxy unless TRUST_PROXY names one: a hop count, or addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['true', 'yes', '0', '11', '10.0.0.0/33', '10.0.0.300', 'proxy.example', '10.0.0.1/8/8'])(
    'refuses TRUST_PROXY=%s, naming the variable',
    (value) => {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
    },
  );

  it('never repeats a secret or a connection string in the message', () => {
    const problems = problemsOf({
      JWT_SECRET: 'hunter2-secret',
      DATABASE_URL: 'mysql://root:pw@db/x',
    });
    expect(problems.join('\n')).not.toMatch(/hunter2|root:pw/);
  });

  it('lists every problem at once, in one message', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'x', JWT_SECRET: 'short' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:\n {2}- PORT: [\s\S]*\n {2}- JWT_SECRET: /);
  });

  it('refuses production without its own secrets and databases', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'JWT_SECRET: must be set in production',
        'DATABASE_URL: must be set in production',
        'DATABASE_APP_URL: must be set in production',
        'BOUNCE_WEBHOOK_SECRET: must be set in production',
      ]),
    );
  });

  it('accepts production with everything set, and seeds no demo data there', () => {
    const config = loadConfig(production());
    expect(config.isProduction).toBe(true);
    expect(config.SEED_DEMO).toBe(false);
  });

  it.each([
    ['JWT_SECRET', 'development-only-secret-never-use-in-production-0123456789', /^JWT_SECRET: is a published default value and is refused in production; generate one with/],
    ['JWT_SECRET', 'local-compose-jwt-secret-change-me-0123456789', /^JWT_SECRET: is a published default value/],
    ['JWT_SECRET', 'please-change-me-to-something-secret-0123', /^JWT_SECRET: looks like a placeholder/],
    ['JWT_SECRET', 'a'.repeat(48), /^JWT_SECRET: has fewer than 8 different characters/],
    ['BOUNCE_WEBHOOK_SECRET', 'development-bounce-secret', /^BOUNCE_WEBHOOK_SECRET: is a published default value/],
    ['BOUNCE_WEBHOOK_SECRET', 'local-compose-bounce-secret', /^BOUNCE_WEBHOOK_SECRET: is a published default value/],
    ['DATABASE_APP_PASSWORD', 'app-runtime-dev-password', /^DATABASE_APP_PASSWORD: is a published default value/],
    ['DATABASE_URL', 'postgres://recruit:recruit-owner-local@db:5432/recruit', /^DATABASE_URL: its password is a published default value/],
    ['DATABASE_APP_URL', 'postgres://recruit_app_login:recruit-app-local-password@db:5432/recruit', /^DATABASE_APP_URL: its password is a published default value/],
    ['DATABASE_APP_URL', 'postgres://recruit_app_login:app-runtime-dev-password@db/recruit', /^DATABASE_APP_URL: its password is a published default value/],
  ])('production refuses a known or default %s, naming the variable', (name, value, pattern) => {
    const problems = problemsOf(production({ [name]: value }));
    expect(problems).toEqual([expect.stringMatching(pattern)]);
    expect(problems.join('\n')).not.toContain(value);
  });

  it('production refuses every secret this repository has published, as a secret and as a database password', () => {
    for (const value of PUBLISHED_SECRETS) {
      expect(problemsOf(production({ DATABASE_URL: `postgres://owner:${value}@db/recruit` }))).toEqual([
        expect.stringMatching(/^DATABASE_URL: its password is a published default value/),
      ]);
      expect(problemsOf(production({ BOUNCE_WEBHOOK_SECRET: value }))).toContainEqual(
        expect.stringMatching(/^BOUNCE_WEBHOOK_SECRET: /),
      );
    }
  });

  it.each(['true', '1', 'yes'])('production refuses demo data (SEED_DEMO=%s): the demo passwords are published', (value) => {
    expect(problemsOf(production({ SEED_DEMO: value }))).toEqual([
      expect.stringMatching(/^SEED_DEMO: demo accounts have published passwords .* refused in production; unset SEED_DEMO or set it to false$/),
    ]);
    expect(loadConfig(production({ SEED_DEMO: 'false' })).SEED_DEMO).toBe(false);
  });

  it('production boot stops before anything starts when a secret is a published one', async () => {
    await expect(
      createApiApp({ tenants, env: production({ JWT_SECRET: 'local-compose-jwt-secret-change-me-0123456789' }) }),
    ).rejects.toThrow(/JWT_SECRET: is a published default value and is refused in production/);
  });

  /**
   * docker-compose.yml is a local stack: it runs in development (demo data, development defaults)
   * and publishes its ports on this machine only. Were it switched to production with its defaults,
   * the boot would refuse every published secret it carries.
   */
  it('the compose file runs a clearly local stack, and its defaults would be refused in production', () => {
    const compose = readFileSync(new URL('../../../../docker-compose.yml', import.meta.url), 'utf8');
    const env = composeEnvironment(compose);
    expect(env.NODE_ENV).toBe('development');
    expect(compose).not.toMatch(/NODE_ENV:\s*"?production/);
    const ports = [...compose.matchAll(/^\s+- "([^"]+)"$/gm)].map((m) => m[1]).filter((p) => /^\S*\d+:\d+$/.test(p));
    expect(ports.length).toBeGreaterThan(0);
    for (const p of ports) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    const problems = problemsOf({ ...env, NODE_ENV: 'production' });
    for (const name of ['JWT_SECRET', 'BOUNCE_WEBHOOK_SECRET', 'DATABASE_URL', 'DATABASE_APP_URL', 'SEED_DEMO'])
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name}: .*refused in production`)));
  });

  it('stops the boot before anything starts', async () => {
    await expect(
      createApiApp({ tenants, env: { ...process.env, PORT: 'eighty' } }),
    ).rejects.toThrow(ConfigError);
    await expect(
      createApiApp({ tenants, env: { ...process.env, JWT_SECRET: 'short' } }),
    ).rejects.toThrow(/JWT_SECRET must be at least 32 characters/);
  });
});

/** Everything production needs, with fresh random secrets; `overrides` replaces entries. */
function production(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    NODE_ENV: 'production',
    JWT_SECRET: secret(),
    DATABASE_URL: `postgres://owner:${secret()}@db:5432/recruit`,
    DATABASE_APP_URL: `postgres://app:${secret()}@db:5432/recruit`,
    BOUNCE_WEBHOOK_SECRET: secret(),
    SMTP_URL: 'smtp://mail:25',
    ...overrides,
  };
}

/**
 * The api service's environment as docker compose resolves it with nothing set in the shell:
 * `${NAME:-default}` becomes the default. A required `${NAME:?message}` stays unresolved, so the
 * check would not see a default there (compose refuses to start without it).
 */
function composeEnvironment(compose: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of compose.matchAll(/^ {4,6}([A-Z][A-Z0-9_]*): *(.*)$/gm)) {
    const value = m[2].replace(/^"(.*)"$/, '$1').replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
    env[m[1]] = value;
  }
  return env;
}
