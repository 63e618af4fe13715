import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Clock, OrgUnitsService, TenantDb, type Actor } from '../../libs/tenant-host/src/index.js';
import type { Caller } from './vdab-partners.access.js';
import { PartnerAdmins } from './vdab-partners.admins.js';

/** The secret's shape: `vdabp_<credential id without dashes>_<43 characters of base64url>`. */
const SECRET = /^vdabp_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Machine credentials of a partner organisation (statement 002: partners keep administrative data
 * in their own systems). The partner admin creates and revokes them; the secret is shown once and
 * only its SHA-256 is stored (it carries 256 random bits, so a slow hash would add nothing), and a
 * credential acts only for its own organisation. Every use reads the row, so a revocation counts
 * at the next request.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly units: OrgUnitsService,
    private readonly admins: PartnerAdmins,
  ) {}

  /**
   * A new credential; its secret is in this answer only. `formKey` names the portal form it comes
   * from: a second post of that form (a reload of the answer page) makes nothing and answers
   * `repeated` with the credential the first post made, whose secret was shown then and never again.
   */
  create(actor: Actor, label: string, formKey?: string) {
    return this.db.transaction(async (tx) => {
      const organisationId = await this.admins.organisationOf(tx, actor);
      const uuid = randomUUID();
      const id = uuid.replaceAll('-', '');
      const secret = `vdabp_${id}_${randomBytes(32).toString('base64url')}`;
      const now = this.clock.now();
      const made = await tx.query<{ id: string }>(
        `INSERT INTO vdab_credentials (tenant_id, id, organisation_id, label, secret_hash, created_at, created_by, form_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id, organisation_id, form_key) DO NOTHING RETURNING id`,
        [tx.tenantId, uuid, organisationId, label, hashOf(secret), now, actor.accountId, formKey ?? null],
      );
      if (!made.length) {
        const [first] = await tx.query<{ id: string; label: string; createdAt: Date }>(
          `SELECT id, label, created_at AS "createdAt" FROM vdab_credentials
            WHERE tenant_id = $1 AND organisation_id = $2 AND form_key = $3`,
          [tx.tenantId, organisationId, formKey],
        );
        return { ...first, organisationId, repeated: true as const };
      }
      // The only time the secret is shown.
      return { id: uuid, organisationId, label, createdAt: now, secret, repeated: false as const };
    });
  }

  list(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const organisationId = await this.admins.organisationOf(tx, actor);
      return tx.query(
        `SELECT id, label, created_at AS "createdAt", revoked_at AS "revokedAt" FROM vdab_credentials
          WHERE tenant_id = $1 AND organisation_id = $2 ORDER BY created_at, id`,
        [tx.tenantId, organisationId],
      );
    });
  }

  revoke(actor: Actor, credentialId: string) {
    return this.db.transaction(async (tx) => {
      const organisationId = await this.admins.organisationOf(tx, actor);
      const [row] = await tx.query<{ id: string; revokedAt: Date }>(
        // Wrapped in a SELECT: a bare UPDATE answers [rows, count] through the driver.
        `WITH u AS (UPDATE vdab_credentials SET revoked_at = COALESCE(revoked_at, $4)
                     WHERE tenant_id = $1 AND id = $2 AND organisation_id = $3 RETURNING id, revoked_at)
         SELECT id, revoked_at AS "revokedAt" FROM u`,
        [tx.tenantId, credentialId, organisationId, this.clock.now()],
      );
      // Another organisation's credential is not there for this admin.
      if (!row) throw new NotFoundException('No such credential');
      return row;
    });
  }

  /** The caller a presented secret stands for; 401 for anything but a live credential of this tenant. */
  authenticate(secret: string | undefined): Promise<Caller> {
    const m = secret ? SECRET.exec(secret) : null;
    if (!m) return Promise.reject(new UnauthorizedException('A partner credential is required (X-Api-Key)'));
    const id = m[1];
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ organisationId: string; hash: string }>(
        `SELECT organisation_id AS "organisationId", secret_hash AS hash FROM vdab_credentials
          WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
        [tx.tenantId, uuid],
      );
      const presented = Buffer.from(hashOf(secret!), 'hex');
      if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), presented))
        throw new UnauthorizedException('This partner credential is not valid');
      return { kind: 'machine' as const, credentialId: uuid, organisationId: row.organisationId };
    });
  }

  /**
   * The service's staff name an organisation's partner admin. The right counts only while the
   * account is a partner member of that organisation (read from the session at every request).
   */
  grantAdmin(organisationId: string, accountId: string) {
    return this.db.transaction(async (tx) => {
      const organisation = (await this.units.list()).find((u) => u.id === organisationId);
      if (!organisation || organisation.kind !== 'partner-organisation') throw new NotFoundException('No such partner organisation');
      try {
        await tx.savepoint(() =>
          tx.query(
            `INSERT INTO vdab_partner_admins (tenant_id, account_id, organisation_id, granted_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING`,
            [tx.tenantId, accountId, organisationId, this.clock.now()],
          ),
        );
      } catch (e) {
        // 23503: no such account in this tenant.
        if ((e as { code?: string }).code === '23503' || (e as { driverError?: { code?: string } }).driverError?.code === '23503') throw new NotFoundException('No such account');
        throw e;
      }
      return { organisationId, accountId, role: 'partner-admin' };
    });
  }
}
