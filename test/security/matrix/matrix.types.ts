import type { TenantRef } from '../../../libs/context/src/index.js';
import type { TenantDefinition } from '../../../libs/plugin-api/src/index.js';
import type { TestAccount, TestApp } from '../../support/test-app.js';

/** The callers every row is tried as: nobody, then one signed-in account per role. */
export const MATRIX_ROLES = [
  'anonymous',
  'platform-operator',
  'tenant-admin',
  'staff',
  'employer',
  'jobseeker',
  'partner',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** The expected HTTP status for each caller when the token belongs to the tenant called. */
export type Expected = Readonly<Record<MatrixRole, number>>;

export interface MatrixActor extends TestAccount {
  readonly token: string;
}

/** Per-tenant fixtures every row may use: one org unit per kind that roles are attached to. */
export interface TenantFixtures {
  readonly tenant: TenantRef;
  /** The tenant's definition; null for the platform tenant, which runs on none. */
  readonly definition: TenantDefinition | null;
  /** An employer unit with candidate-bank access; the matrix employer belongs to it. */
  readonly employerUnitId: string | null;
  /** A partner organisation; the matrix partner belongs to it. */
  readonly partnerUnitId: string | null;
}

export interface RowContext {
  readonly t: TestApp;
  readonly role: MatrixRole;
  /** `own`: the token was issued by the tenant called. `other`: the same role's token from another tenant. */
  readonly side: 'own' | 'other';
  /** The tenant the request is sent to (the platform tenant for the operator's own calls). */
  readonly target: TenantFixtures;
  /** The signed-in caller whose token is sent; null when anonymous. */
  readonly actor: MatrixActor | null;
  /** A new signed-in account like the caller (same role, same tenant), for rows that spend a session. */
  freshActor(): Promise<MatrixActor>;
  /** A short random suffix for keys and e-mail addresses that must be unique. */
  unique(): string;
}

/** What a row's setup decides about the request; anything left out keeps the default. */
export interface MatrixRequest {
  /** The concrete path; defaults to the route's own path (which then must have no parameters). */
  readonly path?: string;
  readonly body?: unknown;
  /** Extra request headers, e.g. a webhook's shared secret or a content type other than JSON. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Another token than the caller's (null: none). */
  readonly token?: string | null;
}

export interface MatrixRow {
  /** Exactly as discovered in the app: `PUT /settings/:key`. */
  readonly route: string;
  readonly own: Expected;
  /** Status when a valid token of the same role from another tenant is sent; default 401. */
  readonly otherTenant?: number;
  /** The tenant definition the target tenants run on; default `kandidatenbank`. */
  readonly plugin?: string;
  readonly setup?: (ctx: RowContext) => MatrixRequest | Promise<MatrixRequest>;
  /** The route lists tenants by design (platform operators): other tenants' ids may appear. */
  readonly revealsTenantIds?: boolean;
  /** Extra strings the response must never contain. */
  readonly never?: readonly string[];
}

type Statuses = Partial<Record<Exclude<MatrixRole, 'anonymous'>, number>>;

/** Only the listed roles get their status; anonymous gets 401 and every other role 403. */
export function only(allowed: Statuses): Expected {
  return expectedOf(401, 403, allowed);
}

/** Any signed-in account of the tenant; anonymous gets 401. */
export function signedIn(status: number): Expected {
  return expectedOf(401, status, {});
}

/** Everyone, signed in or not. */
export function everyone(status: number): Expected {
  return expectedOf(status, status, {});
}

function expectedOf(anonymous: number, others: number, allowed: Statuses): Expected {
  const out = Object.fromEntries(
    MATRIX_ROLES.map((r) => [r, r === 'anonymous' ? anonymous : (allowed[r] ?? others)]),
  );
  return out as Expected;
}
