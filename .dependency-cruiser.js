/**
 * Architecture rules, checked by `npm run depcheck` (part of the test command).
 * Capability libs talk through exported services or messages; messaging is domain-free;
 * nothing under libs/ knows the apps that compose it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles tangle module initialisation (forwardRef) and hide the real layering.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'Libraries are composed by apps, never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'messaging-knows-no-domain',
      severity: 'error',
      comment: 'Messaging moves envelopes; it may use only the technical libs.',
      from: { path: '^libs/messaging/' },
      to: { path: '^libs/', pathNot: '^libs/(messaging|observability|platform|auth)/' },
    },
    {
      name: 'technical-libs-stay-technical',
      severity: 'error',
      comment:
        'observability and platform are the bottom layer: they import no other lib but each other and auth (to mark routes).',
      from: { path: '^libs/(observability|platform)/' },
      to: { path: '^libs/', pathNot: '^libs/(observability|platform|auth)/' },
    },
    {
      name: 'business-codes-are-leaves',
      severity: 'error',
      comment: 'National standard code rules depend on nothing of ours.',
      from: { path: '^libs/business-codes/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/business-codes/' },
    },
    {
      name: 'catalogue-is-a-leaf',
      severity: 'error',
      comment:
        'The product catalogue is named by city, province and national capabilities alike, so it depends on nothing of ours.',
      from: { path: '^libs/catalogue/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/catalogue/' },
    },
    {
      name: 'usage-rules-are-leaves',
      severity: 'error',
      comment:
        'Revenue signals judged alike by the city (insights) and the province and nation (cube, analytics): a leaf both reach without a city lib importing rollups.',
      from: { path: '^libs/usage-rules/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/usage-rules/' },
    },
    {
      name: 'auth-is-a-leaf',
      severity: 'error',
      comment: 'Every lib marks its routes with auth decorators, so auth itself imports no lib of ours.',
      from: { path: '^libs/auth/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/auth/' },
    },
    {
      name: 'contracts-are-leaves',
      severity: 'error',
      comment: 'Generated protobuf contracts depend on nothing of ours.',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'contacts-never-publish',
      severity: 'error',
      comment:
        'Contacts are personal data and never leave the city node: the contacts lib may not touch the outbox or the message contracts.',
      from: { path: '^libs/contacts/' },
      to: { path: '^libs/(messaging|contracts)/' },
    },
    {
      name: 'no-reaching-into-another-lib',
      severity: 'error',
      comment: "Use a lib through its public index (@kaf/<lib>), not another lib's internal files.",
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-use-lib-indexes',
      severity: 'error',
      comment: 'Apps use libs through their public index only.',
      from: { path: '^apps/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-deps-in-production-code',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|/gen/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
