import type { Actor } from '../../context/src/index.js';
import { jobseekerIdentityReaders, type TenantDefinition } from '../../plugin-api/src/index.js';

/** An account as it appears in a listing: its identity only for those the tenant shows it to. */
export interface ListedAccount {
  readonly id: string;
  readonly roles: readonly string[];
  readonly status: string;
  readonly locale: string;
  readonly email?: string;
  readonly displayName?: string;
  /** True when the tenant's rules keep this account's name and sign-in address from the reader. */
  readonly identityHidden?: true;
}

/**
 * Whether the reader may see who a jobseeker account belongs to, by the tenant's declaration
 * (`visibility.accountIdentity`). Accounts of other people (staff, employer contacts, partners)
 * are the tenant's own organisation and its business contacts: administrators manage them by name.
 * A tenant without a definition (the platform tenant) holds operators only.
 */
export function mayReadIdentity(
  definition: TenantDefinition | null,
  reader: Pick<Actor, 'roles'>,
  account: { readonly roles: readonly string[] },
): boolean {
  if (!definition || !account.roles.includes('jobseeker')) return true;
  const readers: readonly string[] = jobseekerIdentityReaders(definition);
  return reader.roles.some((r) => readers.includes(r));
}

export function listedAccount(
  definition: TenantDefinition | null,
  reader: Pick<Actor, 'roles'>,
  a: { id: string; email: string; displayName: string; roles: readonly string[]; status: string; locale: string },
): ListedAccount {
  const base = { id: a.id, roles: a.roles, status: a.status, locale: a.locale };
  return mayReadIdentity(definition, reader, a)
    ? { ...base, email: a.email, displayName: a.displayName }
    : { ...base, identityHidden: true };
}
