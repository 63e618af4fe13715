import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

const TRUST_PROXY_SYNTAX = /^(off|false|none|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/;

/** Parses TRUST_PROXY; a list entry that is not an address or range makes the whole value invalid. */
export function parseTrustProxy(value: string): false | number | string[] {
  const v = value.trim();
  if (['off', 'false', 'none', ''].includes(v)) return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((e) => e.trim());
}

function validTrustProxyEntry(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const DEV_SECRET = 'development-only-secret-never-use-in-production-0123456789';
const DEV_BOUNCE_SECRET = 'development-bounce-secret';
const DEV_APP_PASSWORD = 'app-runtime-dev-password';
const DEV_METRICS_TOKEN = 'development-metrics-token-0123456789abcdef';

/**
 * Secrets that have been published (defaults in this file, docker-compose.yml, the embedded and
 * test database servers, earlier versions of both). Anyone can read them, so production refuses them.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  DEV_SECRET,
  DEV_BOUNCE_SECRET,
  DEV_APP_PASSWORD,
  DEV_METRICS_TOKEN,
  'local-compose-jwt-secret-change-me-0123456789',
  'local-compose-bounce-secret',
  'recruit-app-local-password',
  'recruit-owner-local',
  'embedded-owner',
  'test-owner',
];

/** Placeholders people copy from examples: "change-me", "secret", "xxxxxxxx" and the like. */
const PLACEHOLDER = /change-?me|replace-?me|development|example|placeholder|^(secret|password)\d*$/i;

/** Why a secret must not be used in production, or null when it may. */
export function weakSecretReason(value: string): string | null {
  if (PUBLISHED_SECRETS.includes(value)) return 'is a published default value';
  if (PLACEHOLDER.test(value)) return 'looks like a placeholder';
  if (new Set(value).size < 8) return 'has fewer than 8 different characters';
  return null;
}

/**
 * Every setting the platform reads from the environment. Validated once at boot so that a typo
 * fails start-up with the variable's name instead of surfacing later as a strange runtime error.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * Which reverse proxies may tell us the client's host name (X-Forwarded-Host: it picks the
   * tenant), address and protocol. Off by default: the Host header and the connecting address
   * count. A comma-separated list of proxy addresses or CIDR ranges trusts exactly those; a hop
   * count trusts that many proxies in front of the app whatever their addresses, so use it only
   * when nothing else can reach the app.
   */
  @Matches(TRUST_PROXY_SYNTAX, {
    message:
      'TRUST_PROXY must be off, a hop count (1-10) or a comma-separated list of proxy addresses or CIDR ranges (trusting every address would let any client choose the tenant)',
  })
  TRUST_PROXY = 'off';

  /** Owner connection: runs migrations and manages the runtime role. Unset: embedded PostgreSQL. */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  /** Runtime connection as a role that is neither superuser nor owner. Unset: derived. */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_APP_URL?: string;

  @IsString()
  @MinLength(12)
  DATABASE_APP_PASSWORD = DEV_APP_PASSWORD;

  @IsString()
  @MinLength(1)
  DATABASE_APP_USER = 'recruit_app_login';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  EMBEDDED_PG_DIR = '.data/pg';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 600;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Minutes a password-reset link works; it works once. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  PASSWORD_RESET_TTL_MINUTES = 30;

  /** Failed sign-ins for one address, close together, before the first delay. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SIGN_IN_FREE_FAILURES = 5;

  /** The first delay after those failures; each next delay of the same episode doubles. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SIGN_IN_DELAY_SECONDS = 60;

  /** The longest delay, however many failures follow. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  SIGN_IN_MAX_DELAY_SECONDS = 900;

  /**
   * A failure this long after the previous one (or after the last delay ended) starts the count
   * afresh, so one guess now and then never holds the owner up.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  SIGN_IN_QUIET_SECONDS = 900;

  /**
   * Rate limits (requests per client address, or per e-mail address, within the window). The
   * window is the same for all; the test environment defaults every maximum to TEST_RATE_LIMIT.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  RATE_LIMIT_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_CLIENT = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_ADDRESS = 20;

  /** Registrations and vacancy-alert subscriptions: each mails the address it names. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTRATION_PER_CLIENT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTRATION_PER_ADDRESS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REFRESH_PER_CLIENT = 300;

  /** Password-reset requests (each mails the address it names). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET_PER_CLIENT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS = 5;

  /**
   * Every use of a link or token from a mail: verification, password reset, unsubscribe and
   * preferences, alert confirmation and management, retention reminders.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAIL_LINKS_PER_CLIENT = 100;

  /**
   * Calls of a machine-credential route (a tenant's API for its partners' systems, declared with
   * `RateLimited('machine-credentials')`): enough for a partner system's batches, few enough that
   * guessing a 256-bit credential stays hopeless and a runaway client is slowed down.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MACHINE_CREDENTIALS_PER_CLIENT = 3000;

  /** Answers "unknown tenant" a client may get before all its requests wait for the window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_UNKNOWN_TENANT_PER_CLIENT = 50;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:1025 or smtps://user:password@host:465' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(16)
  BOUNCE_WEBHOOK_SECRET = DEV_BOUNCE_SECRET;

  /**
   * Mail templates that passed the boot checks, as MJML output, so the next start does not compile
   * them again (compiling every tenant x brand x locale takes seconds). Empty: no folder, each
   * process compiles once.
   */
  @IsString()
  MAIL_TEMPLATE_CACHE_DIR = '.data/cache/mail-templates';

  /** Without SMTP_URL (development only), mail is appended here as JSON lines instead of sent. */
  @IsString()
  MAIL_DEV_OUTBOX_DIR = '.data/mail';

  /** Delivery attempts before a mail is marked failed (temporary SMTP errors are retried). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay; each next one doubles (120 s, 4 min, 8 min, ... about 4 hours in all). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_BASE_SECONDS = 120;

  /**
   * How long a worker owns the mails it claimed. When it runs out, a mail already handed to SMTP is
   * marked unconfirmed (never resent) and one not handed over yet is queued again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  MAIL_SEND_LEASE_SECONDS = 300;

  /** Days a finished mail's record (who, what, when, outcome; never the body) is kept. */
  @Transform(toInt)
  @IsInt()
  @Min(7)
  @Max(3650)
  MAIL_RECORD_RETENTION_DAYS = 180;

  /**
   * Seconds between the worker's retention sweeps. Each sweep claims its people, so several
   * workers sweeping at once never treat one person twice; a shorter period only finds due steps
   * sooner (the multi-process test runs it every few seconds).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RETENTION_SWEEP_INTERVAL_SECONDS = 600;

  /** Seconds between the worker's nudge sweeps (nudges of tenants that declare activity, and the deletion of events past their keeping period). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  ACTIVITY_SWEEP_INTERVAL_SECONDS = 3_600;

  /** Seconds between the worker's runs of immediate vacancy alerts (digests keep their own schedule). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600)
  ALERTS_IMMEDIATE_INTERVAL_SECONDS = 60;

  /** How often the worker looks for due mail (a commit in the same process wakes it at once). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  MAIL_POLL_INTERVAL_MS = 5000;

  /**
   * SMTP connections a worker sends over at once. It is also how many mails are marked as handed
   * over together: a worker killed mid-send leaves at most this many `unconfirmed`.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_SMTP_CONNECTIONS = 5;

  @IsString()
  STORAGE_DIR = '.data/files';

  /**
   * Where erasures are journaled (ids only), outside the database: keep it off the database's backup
   * and on storage that survives the database, so a restore can replay what was erased since the
   * backup. Empty: no journal (a restore would bring erased people back).
   */
  @IsString()
  ERASURE_JOURNAL_DIR = '.data/erasure-journal';

  /** Demo tenants and accounts with published passwords: on by default in development only. */
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO = true;

  @Transform(toBool)
  @IsBoolean()
  RUN_MIGRATIONS = true;

  /** Serve the Swagger UI at /docs (the JSON document at /docs-json is always served). */
  @Transform(toBool)
  @IsBoolean()
  API_DOCS_UI = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The bearer token a Prometheus scraper presents at GET /metrics (request latencies, pool use,
   * the outbox: nothing for the public). Unset outside production: a published development token.
   * Unset in production: /metrics answers 401 to everyone.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /**
   * After SIGTERM, how long an api process keeps serving while readiness answers 503, so the load
   * balancer stops sending it requests before it closes. Unset: 10 s in production, 0 elsewhere
   * (a developer's Ctrl-C stops at once). Set it above the balancer's health-check interval.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120)
  SHUTDOWN_DRAIN_SECONDS?: number;

  get shutdownDrainMs(): number {
    return (this.SHUTDOWN_DRAIN_SECONDS ?? (this.isProduction ? 10 : 0)) * 1000;
  }

  /**
   * A worker has no HTTP server: set METRICS_PORT to have it serve GET /metrics (the same token) on
   * METRICS_HOST, 127.0.0.1 unless a scraper on another host must reach it.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  METRICS_PORT?: number;

  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** The token /metrics accepts, or null when metrics are not served. */
  get metricsToken(): string | null {
    return this.METRICS_TOKEN ?? (this.isProduction ? null : DEV_METRICS_TOKEN);
  }

  /** TRUST_PROXY as Fastify takes it: false, a hop count, or the trusted addresses and ranges. */
  get trustProxy(): false | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY);
  }

  /** True when the runtime must refuse the built-in development defaults. */
  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The offending value as typed, except secrets and connection strings (they carry passwords). */
const shown = (name: string, value: unknown) =>
  /SECRET|PASSWORD|^METRICS_TOKEN$|_URL$/.test(name) ? 'a hidden value' : JSON.stringify(value);

/**
 * Every rate limit's maximum when NODE_ENV=test and the variable is not set: test files sign in
 * hundreds of times from 127.0.0.1, and a spec that proves a limit sets its own.
 */
export const TEST_RATE_LIMIT = 1_000_000;

/** Reads and validates the environment; throws one ConfigError that lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const testDefaults =
    env.NODE_ENV === 'test'
      ? Object.fromEntries(known.filter((k) => /^RATE_LIMIT_.*_PER_/.test(k)).map((k) => [k, String(TEST_RATE_LIMIT)]))
      : {};
  const input = { ...testDefaults, ...Object.fromEntries(Object.entries(env).filter(([k]) => known.includes(k))) };
  const config = plainToInstance(AppConfig, input);
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (got ${shown(e.property, input[e.property])})`),
  );
  if (TRUST_PROXY_SYNTAX.test(config.TRUST_PROXY ?? '')) {
    const proxies = parseTrustProxy(config.TRUST_PROXY);
    if (typeof proxies === 'number' && !(proxies >= 1 && proxies <= 10))
      problems.push(`TRUST_PROXY: a hop count must be between 1 and 10 (got ${proxies})`);
    const bad = Array.isArray(proxies) ? proxies.filter((e) => !validTrustProxyEntry(e)) : [];
    if (bad.length) problems.push(`TRUST_PROXY: ${bad.map((e) => JSON.stringify(e)).join(', ')} is not an IP address or CIDR range`);
  }
  if (config.isProduction) {
    problems.push(...productionProblems(config, input));
    // Unset in production means no demo data; set to true it is refused above.
    if (input.SEED_DEMO === undefined || input.SEED_DEMO === '') config.SEED_DEMO = false;
  }
  if (config.SIGN_IN_MAX_DELAY_SECONDS < config.SIGN_IN_DELAY_SECONDS)
    problems.push('SIGN_IN_MAX_DELAY_SECONDS: must not be less than SIGN_IN_DELAY_SECONDS');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

const GENERATE = 'generate one with `openssl rand -base64 48`';

/**
 * What production refuses: secrets anyone can look up (defaults, published examples, placeholders),
 * the embedded database, mail to a file, and demo accounts whose passwords are in the repository.
 */
function productionProblems(config: AppConfig, input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const refuse = (name: string, what: string, value: string) => {
    const reason = weakSecretReason(value);
    if (reason) problems.push(`${name}: ${what}${reason} and is refused in production; ${GENERATE}`);
  };
  for (const name of ['JWT_SECRET', 'BOUNCE_WEBHOOK_SECRET'] as const) {
    if (input[name] === undefined) problems.push(`${name}: must be set in production`);
    else refuse(name, '', config[name]);
  }
  // Only used to create the runtime role when DATABASE_APP_URL is unset, which production refuses;
  // a value given anyway must still not be a published one.
  if (input.DATABASE_APP_PASSWORD !== undefined) refuse('DATABASE_APP_PASSWORD', '', config.DATABASE_APP_PASSWORD);
  for (const name of ['DATABASE_URL', 'DATABASE_APP_URL'] as const) {
    const url = config[name];
    if (!url) problems.push(`${name}: must be set in production`);
    else {
      // Without a password (client certificates, peer authentication) there is nothing to check.
      const password = passwordOf(url);
      if (password !== null) refuse(name, 'its password ', password);
    }
  }
  if (config.METRICS_TOKEN !== undefined) refuse('METRICS_TOKEN', '', config.METRICS_TOKEN);
  if (!config.SMTP_URL) problems.push('SMTP_URL: must be set in production (mail would otherwise go to a file)');
  if (config.SEED_DEMO && input.SEED_DEMO !== undefined && input.SEED_DEMO !== '')
    problems.push(
      'SEED_DEMO: demo accounts have published passwords (the platform operator\'s included) and are refused in production; unset SEED_DEMO or set it to false',
    );
  return problems;
}

function passwordOf(url: string): string | null {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}
