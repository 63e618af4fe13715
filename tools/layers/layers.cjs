/**
 * Where each library sits, read by the layering check (.dependency-cruiser.cjs, `npm run lint`)
 * and by the script that routes imports through each library's index. docs/architecture.md,
 * "Layers", explains them.
 */

// Lowest first; inside a layer, each library may import only those listed before it, so no two
// libraries can depend on each other in a circle. The order is what the code does.
const LAYERS = [
  // Foundation. plugin-api, the tenant contract, is a leaf: it imports no library.
  { name: 'base', libraries: ['plugin-api', 'config', 'context', 'http', 'database', 'storage'] },
  { name: 'core', libraries: ['tenancy', 'audit', 'privacy', 'auth', 'health'] },
  // Capabilities: the use cases, built on the foundation.
  {
    name: 'capabilities',
    libraries: ['mail', 'account-recovery', 'search', 'consent', 'profiles', 'vacancies', 'alerts', 'retention', 'connections', 'rights', 'activity'],
  },
  // Composition: the host tenant modules run on, the portal, the platform that wires everything.
  { name: 'host', libraries: ['tenant-host', 'portal', 'platform'] },
  // Tenants run on the host; apps start the platform with the tenants' registry (tenants/index.ts).
  { name: 'tenants', path: '^tenants/' },
  { name: 'apps', path: '^apps/' },
];

/**
 * The exceptions: libraries that still depend on each other in a circle, each group with its
 * reason. Inside a group, libraries import each other in any order and by internal file: through
 * an index, the circle would load a class's module before the class it names is defined.
 */
const TANGLES = [
  // Tenant admin controllers (settings, platform tenants) need access rules, accounts and audit;
  // the audit reader needs @Roles; auth, audit and privacy need the tenant registry.
  ['tenancy', 'audit', 'privacy', 'auth'],
  // Profiles re-index search, register through account recovery and mail; search projects with
  // profiles; consent re-indexes; mail refuses categories while processing is restricted (profiles).
  ['mail', 'account-recovery', 'search', 'consent', 'profiles'],
];

module.exports = { LAYERS, TANGLES };
