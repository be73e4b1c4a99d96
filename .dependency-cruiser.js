/**
 * Architecture rules, checked by `npm run depcheck` (part of the test command).
 * Capability libs talk through exported services or messages; messaging is domain-free;
 * nothing under libs/ knows the apps that compose it.
 */

/**
 * The tier each lib serves (ADR 0026). Data flows up from the cities (they own the records and
 * report them) and documents flow down, so the import graph runs the other way: a lib may import
 * only libs that serve every tier it serves. Every lib is listed here; a new one fails the build
 * until it is.
 */
const TIERS = {
  city: [
    'customers',
    'contacts',
    'account-managers',
    'agreements',
    'visits',
    'billing',
    'billing-accounts',
    'tickets',
  ],
  province: ['province-usage'],
  national: ['national-cube'],
  // Run by every parent of usage: over its own cube and detail, or its children's totals.
  provinceAndNational: ['usage-analytics', 'service-quality'],
  // groups holds the national registry and the city replica of one published document, the way
  // billing-policy and one-stop hold both ends of theirs; a city imports only the replica half
  // (GroupDirectory) and the shared vocabulary, and groups imports no tiered lib.
  any: [
    'federation',
    'messaging',
    'documents',
    'upward-figures',
    'billing-policy',
    'catalogue',
    'usage-rules',
    'platform',
    'audit',
    'auth',
    'contracts',
    'observability',
    'business-codes',
    'one-stop',
    'groups',
    // The service policy and working calendar (documents every tier keeps), and escalations
    // (raised at cities, received by provinces and CN).
    'service-policy',
    'escalations',
  ],
};
const libs = (...names) => `^libs/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'city-imports-no-downstream-tier',
      severity: 'error',
      comment:
        'City libs are upstream of the data flow: they report to the province and receive documents, and never import a province or national lib. A rule both need goes to a shared leaf (usage-rules, catalogue, the platform calendar).',
      from: { path: libs(...TIERS.city) },
      to: { path: libs(...TIERS.province, ...TIERS.national, ...TIERS.provinceAndNational) },
    },
    {
      name: 'province-imports-no-national',
      severity: 'error',
      comment:
        'What runs at a province (province libs, and those serving province and national) never imports a national lib; the national cube imports province vocabulary, downward, instead.',
      from: { path: libs(...TIERS.province, ...TIERS.provinceAndNational) },
      to: { path: libs(...TIERS.national) },
    },
    {
      name: 'shared-libs-import-no-tiered-lib',
      severity: 'error',
      comment:
        'Libs every tier runs may not pull a province or national lib in behind them: a city importing them would import it too.',
      from: { path: libs(...TIERS.any) },
      to: { path: libs(...TIERS.province, ...TIERS.national, ...TIERS.provinceAndNational) },
    },
    {
      name: 'every-lib-declares-its-tier',
      severity: 'error',
      comment: 'A lib missing from TIERS would escape the tier rules: declare it at the top of this file.',
      from: {
        path: '^libs/',
        pathNot: libs(
          ...TIERS.city,
          ...TIERS.province,
          ...TIERS.national,
          ...TIERS.provinceAndNational,
          ...TIERS.any,
        ),
      },
      to: {},
    },
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
        'Revenue signals judged alike by the city (insights) and the province and nation (cube, analytics): a leaf both reach without a city lib importing a province or national lib.',
      from: { path: '^libs/usage-rules/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/usage-rules/' },
    },
    {
      name: 'code-imports-no-test-support',
      severity: 'error',
      comment:
        'Test support (test/) serves the integration and e2e suites; code and its unit specs never import it.',
      from: { path: '^(libs|apps)/' },
      to: { path: '^test/' },
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
