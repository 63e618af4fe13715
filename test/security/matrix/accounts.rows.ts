import { only, type MatrixRow } from './matrix.types.js';

export const rows: MatrixRow[] = [
  {
    route: 'POST /accounts',
    own: only({ 'tenant-admin': 201 }),
    setup: (ctx) => ({
      body: {
        email: `new-${ctx.unique()}@example.test`,
        displayName: 'New colleague',
        password: 'a-long-enough-passphrase',
        roles: ['staff'],
      },
    }),
    never: ['a-long-enough-passphrase'],
  },
  { route: 'GET /accounts', own: only({ 'tenant-admin': 200 }) },
];
