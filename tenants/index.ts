import type { TenantDefinition } from '../libs/plugin-api/src/index.js';
import { kandidatenbank } from './kandidatenbank/kandidatenbank.tenant.js';
import { refugeeTalentPool } from './refugee-talent-pool/refugee-talent-pool.tenant.js';
import { hallowerk } from './hallowerk/hallowerk.tenant.js';
import { vdabPartners } from './vdab-partners/vdab-partners.tenant.js';
import { winwinwerkt } from './winwinwerkt/winwinwerkt.tenant.js';

/** The tenants' own registry: adding a tenant is adding its folder and one line here. */
export const tenants: readonly TenantDefinition[] = [kandidatenbank, refugeeTalentPool, hallowerk, vdabPartners, winwinwerkt];
