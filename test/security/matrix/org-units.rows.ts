import { only, type MatrixRow } from './matrix.types.js';

export const rows: MatrixRow[] = [
  {
    route: 'POST /org-units',
    own: only({ 'tenant-admin': 201 }),
    setup: (ctx) => ({ body: { key: `unit-${ctx.unique()}`, name: 'New unit', kind: 'employer' } }),
  },
  { route: 'GET /org-units', own: only({ 'tenant-admin': 200, staff: 200 }) },
];
