import { ConfigError, loadConfig } from '../app-config.js';
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

  it('accepts production with everything set', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a'.repeat(48),
      DATABASE_URL: 'postgres://owner:pw@db:5432/recruit',
      DATABASE_APP_URL: 'postgres://app:pw@db:5432/recruit',
      BOUNCE_WEBHOOK_SECRET: 'b'.repeat(32),
      SMTP_URL: 'smtp://mail:25',
    });
    expect(config.isProduction).toBe(true);
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
