import { everyone, type MatrixRow } from './matrix.types.js';

export const rows: MatrixRow[] = [{ route: 'GET /health', own: everyone(200), otherTenant: 200 }];
