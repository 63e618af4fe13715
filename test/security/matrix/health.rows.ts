import { AppConfig } from '../../../libs/config/src/index.js';
import { everyone, type MatrixRow } from './matrix.types.js';

/**
 * Health is public: load balancers and orchestrators call it without a tenant or a token. Metrics
 * open only to the scraper's METRICS_TOKEN: the anonymous caller presents it; a session of any
 * role, own tenant or other, is not it (401).
 */
export const rows: MatrixRow[] = [
  { route: 'GET /health', own: everyone(200), otherTenant: 200 },
  { route: 'GET /health/live', own: everyone(200), otherTenant: 200 },
  { route: 'GET /health/ready', own: everyone(200), otherTenant: 200 },
  {
    route: 'GET /metrics',
    own: { ...everyone(401), anonymous: 200 },
    otherTenant: 401,
    setup: (ctx) => (ctx.role === 'anonymous' ? { token: ctx.t.get(AppConfig).metricsToken } : {}),
  },
];
