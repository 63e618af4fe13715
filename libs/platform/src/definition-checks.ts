import { assertValidRegistry, type DefinitionCheck, type TenantDefinition } from '../../plugin-api/src/index.js';
import { connectionDefinitionProblems } from '../../connections/src/index.js';
import { retentionDefinitionProblems } from '../../retention/src/index.js';
import { mailTrackingDefinitionProblems } from '../../mail/src/index.js';

/**
 * Each capability's check of its own part of a tenant definition. The contract (plugin-api) checks
 * the declarations themselves and knows no capability; the platform, which composes the
 * capabilities, composes their checks. A capability that reads more of a definition adds its check here.
 */
export const CAPABILITY_DEFINITION_CHECKS: readonly DefinitionCheck[] = [connectionDefinitionProblems, retentionDefinitionProblems, mailTrackingDefinitionProblems];

/** Every tenant definition is valid for the contract and for every capability, and no two collide. */
export function assertValidTenants(defs: readonly TenantDefinition[]): void {
  assertValidRegistry(defs, CAPABILITY_DEFINITION_CHECKS);
}
