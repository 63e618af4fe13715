import { only, type MatrixRow, type RowContext } from './matrix.types.js';

/** The first declared setting of the tenant called, set to its own default (always within bounds). */
function firstSetting(ctx: RowContext) {
  const s = ctx.target.definition?.settings[0];
  return { path: `/settings/${s?.key ?? 'none'}`, body: { value: s?.default ?? 1 } };
}

export const rows: MatrixRow[] = [
  { route: 'GET /settings', own: only({ 'tenant-admin': 200 }) },
  { route: 'PUT /settings/:key', own: only({ 'tenant-admin': 200 }), setup: firstSetting },
];
