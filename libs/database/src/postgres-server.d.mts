/** Types of postgres-server.mjs (plain JavaScript, shared with the test run's global setup). */
export class EmbeddedPostgresError extends Error {}

export interface PostgresServerOptions {
  /** Where the data lives; relocated (and said so in `notes`) when the `postgres` user cannot enter it. */
  readonly dataDir: string;
  readonly port: number;
  /** Password of the `postgres` superuser of this server. */
  readonly password: string;
  /** False: the data folder is removed on stop. Default true. */
  readonly persistent?: boolean;
  readonly log?: (line: string) => void;
  /** Where binaries are staged and throw-away data is kept when running as root; for tests. */
  readonly stagingRoots?: readonly string[];
}

export interface PostgresServer {
  /** The data folder in use (the configured one, or where it had to be relocated). */
  readonly dataDir: string;
  /** What had to be done differently and why (binaries staged, data relocated). */
  readonly notes: readonly string[];
  readonly pid: number | undefined;
  url(database?: string): string;
  stop(): Promise<void>;
}

export function postgresBinariesDir(): string;
export function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer>;
