/**
 * The tenant contract: what a tenant declares (`TenantDefinition` and its parts, `defineTenant`) and
 * the validator of those declarations. A leaf: it imports no other library, so every layer may
 * use it. The runtime pieces a tenant module uses come from libs/tenant-host; each capability
 * checks its own part of a definition (`DefinitionCheck`), composed by the platform.
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
export * from './processing-activities.js';
export * from './core-audit-actions.js';
export * from './activity.js';
