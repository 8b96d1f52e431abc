// The layout README's "How it works" describes, checked by `npm test` (dependency-cruiser):
// data flows one way through the stages, so a stage imports only stages listed before it.
// A new back-edge fails with the name of the rule it breaks.
const STAGES = [
  ['shared', '^src/shared/'],
  ['text', '^src/text/'],
  ['corpus', '^src/corpus/'],
  ['chunking', '^src/chunking/'],
  ['embedding', '^src/embedding/'],
  ['index', '^src/index/'],
  ['postgres', '^src/postgres/'],
  ['retrieval', '^src/retrieval/'],
  ['config', '^src/config[.]ts$'],
  ['answer', '^src/answer/'],
  ['contracts', '^src/contracts/'],
  ['feedback', '^src/feedback/'],
  ['engine', '^src/(engine|engine-types|engine-postgres|index-freshness|logger)[.]ts$'],
  ['ingest', '^src/ingest/'],
  ['mcp', '^src/mcp/'],
  ['server', '^src/server/'],
  ['cli', '^src/cli/'],
];

const stageOrder = STAGES.map(([name, path], i) => ({
  name: `${name}-imports-only-earlier-stages`,
  comment: `${name} comes before ${STAGES.slice(i + 1).map(([later]) => later).join(', ')} in the stage order (README, "How it works"): it may not import them`,
  severity: 'error',
  from: { path },
  to: { path: STAGES.slice(i + 1).map(([, later]) => `(${later})`).join('|') || '^$' },
}));

module.exports = {
  forbidden: [
    ...stageOrder.filter((rule) => rule.to.path !== '^$'),
    {
      name: 'no-circular',
      comment: 'modules import each other in a circle (type-only imports included): move the shared part to its own module',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'other-stages-through-the-entry',
      comment: "a stage is used through its entry (src/<stage>/index.ts), which is its public surface: import from there, or export the name from it; a module loaded lazily (import()) may be reached directly",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index[.]ts$'], dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'top-level-modules-through-the-entry',
      comment: 'engine, config and logger use the stages through their entries (src/<stage>/index.ts)',
      severity: 'error',
      from: { path: '^src/[^/]+[.]ts$' },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index[.]ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'product-without-tools-or-tests',
      comment: 'src/ is what `npm start` runs: it never imports the tools, the tests or the page',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tools|tests|page|scripts)/' },
    },
    {
      name: 'product-without-dev-dependencies',
      comment: 'a production install (npm ci --omit=dev) has no devDependencies: src/ may not import one',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'every-stage-file-in-a-stage',
      comment: 'a file directly under src/ that is not a known stage: put it in a stage folder (or src/shared) or add it to the stage order',
      severity: 'error',
      from: { path: '^src/[^/]+[.]ts$', pathNot: '^src/(config|engine|engine-types|engine-postgres|index-freshness|logger)[.]ts$' },
      to: {},
    },
    {
      name: 'every-folder-a-stage',
      comment: 'a folder of src/ that is not in the stage order would escape its rules: add it to STAGES in .dependency-cruiser.cjs (and the README)',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: STAGES.map(([, path]) => `(${path})`).join('|') },
      to: {},
    },
    {
      name: 'product-without-undeclared-packages',
      comment: 'src/ imports a package that package.json does not declare: it may be missing from a production install',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'page-apart-from-the-server',
      comment: 'page/ runs in the browser: of the server it may only read the contracts (types) and their limits',
      severity: 'error',
      from: { path: '^page/' },
      to: { path: '^(src|tools|tests)/', pathNot: '^src/contracts/' },
    },
    {
      name: 'page-reads-contracts-as-types',
      comment: 'page/ imports the contracts as types only (zod is not bundled), the limits aside',
      severity: 'error',
      from: { path: '^page/' },
      to: { path: '^src/contracts/', pathNot: '^src/contracts/limits[.]ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
