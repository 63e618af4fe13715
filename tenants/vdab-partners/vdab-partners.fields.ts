import type { FieldDefinition } from '../../libs/plugin-api/src/index.js';

/**
 * Jobseekers' dossiers are the service's own (vdab_dossiers, created by its staff or systems), not
 * self-service profiles; the core's profile holds only the name, read by the service's staff alone.
 * Partners never reach core profiles: they are no candidate-bank searchers here.
 */
export const vdabPartnersFields: readonly FieldDefinition[] = [
  { key: 'firstName', label: { nl: 'Voornaam', en: 'First name' }, purpose: 'arbeidsbemiddeling', type: 'string', required: true, maxLength: 80, read: ['self', 'staff'], write: ['staff'], identifying: true },
  { key: 'lastName', label: { nl: 'Achternaam', en: 'Last name' }, purpose: 'arbeidsbemiddeling', type: 'string', required: true, maxLength: 120, read: ['self', 'staff'], write: ['staff'], identifying: true },
];
