import { only, type MatrixRow } from './matrix.types.js';

/**
 * Operators call from the platform tenant; in any other tenant their token is refused (401), and
 * every tenant role is refused by role (403), so no tenant can create or list tenants.
 */
export const rows: MatrixRow[] = [
  {
    route: 'GET /platform/tenants',
    own: only({ 'platform-operator': 200 }),
    revealsTenantIds: true,
  },
  {
    route: 'POST /platform/tenants',
    own: only({ 'platform-operator': 201 }),
    setup: (ctx) => {
      const key = `made-${ctx.unique()}`;
      return {
        body: {
          key,
          plugin: 'kandidatenbank',
          name: `Tenant ${key}`,
          admin: {
            email: `admin@${key}.example`,
            displayName: 'First admin',
            password: 'tenant-launch-passphrase-9',
          },
        },
      };
    },
    never: ['tenant-launch-passphrase-9'],
  },
];
