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

/**
 * A HalloWerk-style tenant: each municipality's staff see and decide on the requests of their own
 * residents only.
 */
export const municipalLab: TenantDefinition = {
  ...kandidatenbank,
  key: 'rights-municipal-lab',
  domains: [],
  demo: undefined,
  visibility: {
    ...kandidatenbank.visibility,
    candidateBank: { ...kandidatenbank.visibility.candidateBank, staffScope: 'own-org-units' },
  },
  rights: { deciders: ['staff'] },
};
