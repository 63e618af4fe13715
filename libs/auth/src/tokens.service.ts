import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, Clock } from '../../config/src/index.js';
import { TenantDb } from '../../database/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import type { Role } from '../../plugin-api/src/index.js';

export interface AccessClaims {
  /** Account id. */
  sub: string;
  /** Tenant id: a token is only ever accepted by the tenant that issued it. */
  tid: string;
  /** Session id: revoking the session ends the token at once. */
  sid: string;
  /** Informational for clients: the server reads roles and units from the database at every request. */
  roles: Role[];
  ous: string[];
}

/** Who a valid access token speaks for, as the database says now. */
export interface Caller {
  readonly accountId: string;
  readonly sessionId: string;
  readonly roles: Role[];
  readonly orgUnitIds: string[];
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
 * tokens are `<session id>.<secret>` and only their hash is stored, the former ones too;
 * presenting a rotated one (a stolen copy) revokes the whole session.
 */
/** What a verified access token says, with the audience and expiry jsonwebtoken checked. */
type VerifiedClaims = AccessClaims & { aud: string; exp: number };

/**
 * Access tokens verified before are recognised by their exact text until they expire, so a
 * client's every request does not check the same signature again (the signature check and its
 * JSON decoding were 8% of the api's CPU on an authenticated read). Only a token whose signature
 * was verified can be in here; the session behind it is still checked in the database on every
 * request (`authenticate`). Bounded: the oldest is dropped first.
 */
const VERIFIED_TOKENS_KEPT = 5_000;

@Injectable()
export class TokensService {
  private readonly verified = new Map<string, Readonly<VerifiedClaims>>();

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
    const now = this.nowSeconds();
    // The same test jsonwebtoken makes (expired from `exp` on), with the same clock.
    const known = this.verified.get(token);
    if (known && known.aud === tenantId && now < known.exp) return known;
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token, {
        algorithms: ['HS256'],
        issuer: 'recruit-platform',
        audience: tenantId,
        clockTimestamp: now,
      });
    } catch {
      throw new UnauthorizedException('Invalid or expired access token');
    }
    if (typeof claims.exp === 'number' && claims.aud === tenantId) {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, Object.freeze(claims));
    }
    return claims;
  }

  /**
   * The verified caller of this token, read from the database at every request: the session must
   * be open and belong to the account the token names (`sub`), the account must be active, and its
   * roles and organisation units are the ones stored now. The token's own `roles` and `ous` are
   * informational only, so a token signed with another account or other roles is worth nothing,
   * and a changed role or a disabled account takes effect at the next request. One statement and
   * one round trip (`app.session_caller` sets the tenant inside it).
   */
  async authenticate(token: string): Promise<Caller> {
    const claims = await this.verifyAccess(token);
    if (!UUID.test(String(claims.sid)) || !UUID.test(String(claims.sub))) throw new UnauthorizedException('Session ended');
    const [row] = await this.db.statement<{ roles: Role[]; ous: string[] }>(
      `SELECT roles, ous FROM app.session_caller($1, $2, $3, $4)`,
      [RequestContext.tenant().id, claims.sid, claims.sub, this.clock.now()],
    );
    if (!row) throw new UnauthorizedException('Session ended');
    return { accountId: claims.sub, sessionId: claims.sid, roles: row.roles, orgUnitIds: row.ous };
  }

  /**
   * A new token pair for the session, rotating its refresh token. Only a token the session really
   * had can end it: the current one rotates, a former one (a copy used after rotation, so one of
   * the two holders is a thief) revokes the session, and anything else is a plain 401 that changes
   * nothing, so knowing a session id is not enough to end someone's session.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const [sid, secret] = refreshToken.split('.');
    if (!sid || !secret || !UUID.test(sid)) throw new UnauthorizedException('Invalid refresh token');
    const now = this.clock.now();
    const presented = sha256(secret);
    const result = await this.db.transaction(async (tx) => {
      const [s] = await tx.query<{ account_id: string; refresh_hash: string; roles: Role[]; usable: boolean }>(
        `SELECT s.account_id, s.refresh_hash, a.roles, (a.status = 'active' AND a.email_verified_at IS NOT NULL) AS usable
           FROM sessions s
           JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
          WHERE s.tenant_id = $1 AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3
          FOR UPDATE OF s`,
        [tx.tenantId, sid, now],
      );
      if (!s || !s.usable) return null;
      if (s.refresh_hash !== presented) {
        const [retired] = await tx.query(
          `SELECT 1 FROM session_retired_refresh_tokens WHERE tenant_id = $1 AND refresh_hash = $2 AND session_id = $3`,
          [tx.tenantId, presented, sid],
        );
        if (retired) await tx.query(`UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, sid, now]);
        return null;
      }
      const next = randomBytes(32).toString('base64url');
      await tx.query(
        `INSERT INTO session_retired_refresh_tokens (tenant_id, refresh_hash, session_id, retired_at) VALUES ($1, $2, $3, $4)`,
        [tx.tenantId, presented, sid, now],
      );
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
    if (!result) throw new UnauthorizedException('Invalid refresh token');
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
