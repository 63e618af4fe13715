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

const DEV_SECRET = 'development-only-secret-never-use-in-production-0123456789';

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
  DATABASE_APP_PASSWORD = 'app-runtime-dev-password';

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

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:1025 or smtps://user:password@host:465' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(16)
  BOUNCE_WEBHOOK_SECRET = 'development-bounce-secret';

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
  /SECRET|PASSWORD|_URL$/.test(name) ? 'a hidden value' : JSON.stringify(value);

/** Reads and validates the environment; throws one ConfigError that lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input = Object.fromEntries(Object.entries(env).filter(([k]) => known.includes(k)));
  const config = plainToInstance(AppConfig, input);
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (got ${shown(e.property, input[e.property])})`),
  );
  if (config.isProduction) {
    if (config.JWT_SECRET === DEV_SECRET) problems.push('JWT_SECRET: must be set in production');
    if (!config.DATABASE_URL) problems.push('DATABASE_URL: must be set in production');
    if (!config.DATABASE_APP_URL) problems.push('DATABASE_APP_URL: must be set in production');
    if (config.BOUNCE_WEBHOOK_SECRET === 'development-bounce-secret')
      problems.push('BOUNCE_WEBHOOK_SECRET: must be set in production');
    if (!config.SMTP_URL) problems.push('SMTP_URL: must be set in production (mail would otherwise go to a file)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
