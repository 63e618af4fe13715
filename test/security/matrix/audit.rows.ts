import { only, type MatrixRow } from './matrix.types.js';

export const rows: MatrixRow[] = [{ route: 'GET /audit', own: only({ 'tenant-admin': 200 }) }];
