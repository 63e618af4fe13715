import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/src/app-config.js';
import { Clock } from '../../config/src/clock.js';
import { TenantDb } from '../../database/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import type { Role } from '../../plugin-api/src/roles.js';

export interface AccessClaims {
  /** Account id. */
  sub: string;
  /** Tenant id: a token is only ever accepted by the tenant that issued it. */
  tid: string;
  /** Session id: revoking the session ends the token at once. */
  sid: string;
  roles: Role[];
  ous: string[];
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Strict: anything else reaching the uuid column would be a database error instead of a 401.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived signed access tokens plus a revocable, rotating refresh token per session. Refresh
 * tokens are `<session id>.<secret>` and only their hash is stored; presenting a rotated one
 * (a stolen copy) revokes the whole session.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  async issue(account: { id: string; roles: Role[] }, orgUnitIds: string[]): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const expires = new Date(this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const [session] = await this.db.transaction((tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO sessions (tenant_id, account_id, refresh_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [tx.tenantId, account.id, sha256(secret), expires, this.clock.now()],
      ),
    );
    return this.pair(account, orgUnitIds, session.id, secret);
  }

  private async pair(account: { id: string; roles: Role[] }, ous: string[], sid: string, secret: string) {
    const claims: AccessClaims = { sub: account.id, tid: RequestContext.tenant().id, sid, roles: account.roles, ous };
    // Issued-at from the Clock, so expiry follows the same time as every other rule.
    const accessToken = await this.jwt.signAsync({ ...claims, iat: this.nowSeconds() }, {
      secret: this.config.JWT_SECRET,
      algorithm: 'HS256',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      issuer: 'recruit-platform',
      audience: claims.tid,
    });
    return {
      accessToken,
      refreshToken: `${sid}.${secret}`,
      tokenType: 'Bearer' as const,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** Verifies signature, expiry and that the token belongs to the tenant of this request. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    const tenantId = RequestContext.tenant().id;
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.config.JWT_SECRET,
        algorithms: ['HS256'],
        issuer: 'recruit-platform',
        audience: tenantId,
        clockTimestamp: this.nowSeconds(),
      });
    } catch {
      throw new UnauthorizedException('Invalid or expired access token');
    }
  }

  async sessionActive(sessionId: string): Promise<boolean> {
    const rows = await this.db.transaction((tx) =>
      tx.query(
        `SELECT 1 FROM sessions WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL AND expires_at > $3`,
        [tx.tenantId, sessionId, this.clock.now()],
      ),
    );
    return rows.length > 0;
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const [sid, secret] = refreshToken.split('.');
    if (!sid || !secret || !UUID.test(sid)) throw new UnauthorizedException('Invalid refresh token');
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const [s] = await tx.query<{ account_id: string; refresh_hash: string; roles: Role[]; status: string }>(
        `SELECT s.account_id, s.refresh_hash, a.roles, a.status FROM sessions s
           JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
          WHERE s.tenant_id = $1 AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3
          FOR UPDATE OF s`,
        [tx.tenantId, sid, now],
      );
      if (!s || s.status !== 'active') return null;
      if (s.refresh_hash !== sha256(secret)) {
        await tx.query(`UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, sid, now]);
        return 'reused' as const;
      }
      const next = randomBytes(32).toString('base64url');
      await tx.query(`UPDATE sessions SET refresh_hash = $3, rotated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        sid,
        sha256(next),
        now,
      ]);
      const ous = await tx.query<{ org_unit_id: string }>(
        `SELECT org_unit_id FROM account_org_units WHERE tenant_id = $1 AND account_id = $2`,
        [tx.tenantId, s.account_id],
      );
      return { account: { id: s.account_id, roles: s.roles }, ous: ous.map((o) => o.org_unit_id), next };
    });
    if (!result || result === 'reused') throw new UnauthorizedException('Invalid refresh token');
    return this.pair(result.account, result.ous, sid, result.next);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.transaction((tx) =>
      tx.query(`UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`, [
        tx.tenantId,
        sessionId,
        this.clock.now(),
      ]),
    );
  }

  /** Ends every session of an account (password change, role change, erasure). */
  async revokeAll(accountId: string): Promise<void> {
    await this.db.transaction((tx) =>
      tx.query(`UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND account_id = $2 AND revoked_at IS NULL`, [
        tx.tenantId,
        accountId,
        this.clock.now(),
      ]),
    );
  }
}
