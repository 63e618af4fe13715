import { ForTenant } from '../../../libs/tenant-host/src/index.js';

export const TENANT_KEY = 'refugee-talent-pool';

/** This tenant's routes exist only for tenants running on its definition. */
export const ForRefugeeWork = () => ForTenant(TENANT_KEY);
