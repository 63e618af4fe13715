import type { Role } from '../../../libs/plugin-api/src/index.js';
import { everyone, signedIn, type MatrixRow, type RowContext } from './matrix.types.js';

/** A new account of the caller's role in the tenant called (anonymous callers sign in as a jobseeker). */
async function accountInTarget(ctx: RowContext) {
  const role: Role = ctx.role === 'anonymous' ? 'jobseeker' : ctx.role;
  return ctx.t.createAccount(ctx.target.tenant, [role]);
}

export const rows: MatrixRow[] = [
  {
    // Signing in is open to everyone; a stray token from another tenant changes nothing.
    route: 'POST /auth/login',
    own: everyone(200),
    otherTenant: 200,
    setup: async (ctx) => {
      const a = await accountInTarget(ctx);
      return { body: { email: a.email, password: a.password } };
    },
  },
  {
    route: 'POST /auth/refresh',
    own: everyone(200),
    otherTenant: 200,
    setup: async (ctx) => {
      const a = await accountInTarget(ctx);
      const res = await ctx.t.http('post', '/auth/login', {
        tenant: ctx.target.tenant.key,
        body: { email: a.email, password: a.password },
      });
      return { body: { refreshToken: res.body.refreshToken } };
    },
  },
  {
    // Logging out spends the session: each call signs in a fresh account like the caller.
    route: 'POST /auth/logout',
    own: signedIn(204),
    setup: async (ctx) => (ctx.actor ? { token: (await ctx.freshActor()).token } : {}),
  },
  { route: 'GET /auth/me', own: signedIn(200) },
  {
    // Anyone may ask; the answer is the same whether or not the address has an account.
    route: 'POST /auth/password-reset',
    own: everyone(202),
    otherTenant: 202,
    setup: async (ctx) => ({ body: { email: (await accountInTarget(ctx)).email } }),
  },
  {
    // Only the mailed token works; one nobody was sent is refused for everyone, naming the field.
    route: 'POST /auth/password-reset/confirm',
    own: everyone(400),
    otherTenant: 400,
    setup: () => ({
      body: { token: 'not-a-token-anyone-was-sent', password: 'a-long-and-private-passphrase' },
    }),
  },
];
