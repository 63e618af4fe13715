import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../plugin-api/src/roles.js';

/** A person's sign-in to one tenant. The same address in another tenant is another account. */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  /** Lower-cased, unique per tenant. */
  @Column('text')
  email: string;

  /** argon2id; null until the person has chosen one (invited accounts). */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('text')
  status: 'pending' | 'active' | 'disabled';

  @Column('text')
  locale: string;

  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  /** Consecutive failed sign-ins; five lock the account for a while (credential stuffing). */
  @Column('integer', { name: 'failed_logins' })
  failedLogins: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
