import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';
import { VdabPartnersDemoSeeder } from './vdab-partners.demo-seeder.js';

const PASSWORD = 'demo-vdab-partners-2026';

/**
 * The service's staff, two partner organisations each with a partner admin and a coach; the
 * dossiers, assignments, admins and machine credentials come from the tenant's own seeder.
 */
export const vdabPartnersDemo: NonNullable<TenantDefinition['demo']> = {
  orgUnits: [
    { key: 'vdab', name: 'VDAB', kind: 'team' },
    { key: 'werkpunt', name: 'Werkpunt Antwerpen vzw', kind: 'partner-organisation' },
    { key: 'loopbaanwijzer', name: 'Loopbaanwijzer Gent', kind: 'partner-organisation' },
  ],
  accounts: [
    { email: 'bemiddelaar@vdab.example', password: PASSWORD, displayName: 'Bart Bemiddelaar', roles: ['staff'], orgUnit: 'vdab' },
    { email: 'beheer@vdab.example', password: PASSWORD, displayName: 'Beheer VDAB', roles: ['tenant-admin'], orgUnit: 'vdab' },
    { email: 'admin@werkpunt.example', password: PASSWORD, displayName: 'Wendy Werkpunt', roles: ['partner'], orgUnit: 'werkpunt' },
    { email: 'coach@werkpunt.example', password: PASSWORD, displayName: 'Koen Coach', roles: ['partner'], orgUnit: 'werkpunt' },
    { email: 'admin@loopbaanwijzer.example', password: PASSWORD, displayName: 'Lies Loopbaan', roles: ['partner'], orgUnit: 'loopbaanwijzer' },
    { email: 'coach@loopbaanwijzer.example', password: PASSWORD, displayName: 'Gert Gids', roles: ['partner'], orgUnit: 'loopbaanwijzer' },
  ],
  seeder: VdabPartnersDemoSeeder,
};
