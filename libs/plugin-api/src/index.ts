/**
 * The public plugin API: the only part of the core a tenant folder may import.
 */
export * from './roles.js';
export * from './fields.js';
export * from './consent.js';
export * from './retention.js';
export * from './templates.js';
export * from './settings.js';
export * from './rights.js';
export * from './resume.js';
export * from './visibility.js';
export * from './portal.js';
export * from './labels.js';
export * from './tenant-definition.js';
export * from './validate-tenant-definition.js';
