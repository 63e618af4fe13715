/**
 * The layering of the code, checked by `npm run lint` (dependency-cruiser; docs/architecture.md,
 * "Layers"). Code imports its own layer and the layers below it, another library only through its
 * `src/index.ts`, and libraries never depend on each other in a circle. Tests may import their own
 * library's internals, other libraries and tenants (as fixtures).
 */

const { LAYERS, TANGLES } = require('./tools/layers/layers.cjs');

const TESTS = '(^|/)__tests__/|\\.spec\\.ts$';
const lib = (names) => `^libs/(${names.join('|')})/`;
const pathOf = (layer) => layer.path ?? lib(layer.libraries);

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  severity: 'error',
  comment: `${layer.name} must not import a higher layer (${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}).`,
  from: { path: pathOf(layer), pathNot: TESTS },
  to: { path: LAYERS.slice(i + 1).map(pathOf) },
}));

const cycles = LAYERS.filter((l) => l.libraries).flatMap((layer) =>
  layer.libraries.slice(0, -1).map((name, i) => {
    const later = layer.libraries.slice(i + 1);
    const tangle = TANGLES.find((t) => t.includes(name)) ?? [];
    const forbidden = later.filter((to) => !tangle.includes(to));
    return forbidden.length
      ? {
          name: 'no-library-cycle',
          severity: 'error',
          comment: `${name} comes before ${forbidden.join(', ')} in the ${layer.name} layer: importing them would let libraries depend on each other in a circle.`,
          from: { path: lib([name]), pathNot: TESTS },
          to: { path: lib(forbidden) },
        }
      : null;
  }),
).filter(Boolean);

module.exports = {
  forbidden: [
    ...upward,
    ...cycles,
    {
      name: 'plugin-api-is-a-leaf',
      severity: 'error',
      comment: 'The tenant contract imports no other library; runtime pieces for tenants live in libs/tenant-host.',
      from: { path: '^libs/plugin-api/' },
      to: { path: '^libs/', pathNot: '^libs/plugin-api/' },
    },
    {
      name: 'no-tenant-import-from-libs',
      severity: 'error',
      comment: 'The core never depends on a tenant.',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: '^tenants/' },
    },
    {
      name: 'library-internals',
      severity: 'error',
      comment: 'Another library is imported through its src/index.ts, not its internal files.',
      from: { path: '^libs/([^/]+)/', pathNot: [TESTS, ...TANGLES.map(lib)] },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    ...TANGLES.map((tangle) => ({
      name: 'library-internals',
      severity: 'error',
      comment: `Another library is imported through its src/index.ts (inside ${tangle.join(', ')}: see TANGLES).`,
      from: { path: lib(tangle), pathNot: TESTS },
      to: { path: '^libs/', pathNot: [lib(tangle), '^libs/[^/]+/src/index\\.ts$'] },
    })),
    {
      name: 'library-internals',
      severity: 'error',
      comment: 'Apps and tenants import a library through its src/index.ts, not its internal files.',
      from: { path: '^(apps|tenants)/', pathNot: TESTS },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'unknown-library',
      severity: 'error',
      comment: 'Every library has its place in LAYERS (.dependency-cruiser.cjs).',
      from: { path: '^libs/', pathNot: lib(LAYERS.flatMap((l) => l.libraries ?? [])) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
