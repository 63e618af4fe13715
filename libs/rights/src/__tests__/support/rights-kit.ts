import type { TenantDefinition } from '../../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/**
 * A WinWinWerkt-style tenant: it promises an answer within 10 working days (Dutch public holidays
 * excluded) and only its tenant admins decide on requests.
 */
export const promiseLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-promise-lab',
  domains: [],
  demo: undefined,
  rights: { deciders: ['tenant-admin'], promiseWorkingDays: 10, holidays: 'NL' },
};
