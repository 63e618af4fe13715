import type { TenantDefinition } from '../../plugin-api/src/index.js';

/**
 * Mails the connections capability sends (`ConnectionNotifier`), with exactly the variables it
 * provides; a tenant that enables connections declares both, in its own words.
 */
export const CONNECTION_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  'connection-request': ['name', 'requesterName', 'respondUrl'],
  'connection-accepted': ['name', 'alias', 'connectionUrl'],
};

/**
 * Connections' part of a tenant definition: the per-use consent a request asks, and the mails it
 * sends. The platform runs it at boot with the contract's own checks.
 */
export function connectionDefinitionProblems(def: TenantDefinition): string[] {
  const out: string[] = [];
  const connections = def.visibility?.connections;
  const perUse = connections?.consent;
  if (perUse && def.consents?.find((c) => c.key === perUse)?.asked !== 'per-use')
    out.push(`visibility.connections: consent purpose "${perUse}" must be declared and asked per-use`);
  if (connections?.enabled)
    for (const [key, variables] of Object.entries(CONNECTION_TEMPLATES)) {
      const declared = def.mail?.templates?.find((t) => t.key === key);
      if (declared?.category !== 'notification')
        out.push(`visibility.connections: template "${key}" must be declared in category notification`);
      else if ([...declared.variables].sort().join() !== [...variables].sort().join())
        out.push(`visibility.connections: template "${key}" must declare exactly the variables ${variables.join(', ')}`);
    }
  return out;
}
