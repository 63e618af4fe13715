import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../plugin-api/src/index.js';

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

  /**
   * argon2id; null until whoever holds the mailbox has chosen one (a registration sets none: the
   * verification link does, so a stranger who registers an address never holds its password).
   */
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

  /** Set once the holder of the address proved it (verification or password reset); no sign-in before. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
