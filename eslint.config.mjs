// Type-aware lint for the whole workspace; `npm run lint` allows zero warnings.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIB_ALIASES = {
  group: ['../../*/src/*', '../../../libs/*', '../../../apps/*'],
  message: 'Import other libs through their @kaf/* alias.',
};
/**
 * Tests and scripts use the workspace as the apps do, through the aliases: a relative path into
 * libs/ or apps/ reaches past a lib's index unnoticed. Internals a suite genuinely needs are
 * exported by the lib's test entry point, `libs/<lib>/src/testing.ts`.
 */
const WORKSPACE_ALIASES = {
  regex: '^(\\.\\./)+(libs|apps)/',
  message:
    'Import libs through @kaf/<lib> (or the test entry point @kaf/<lib>/testing) and the CLI through @kaf/cli/*.',
};
// The product codes are read from the catalogue itself, so this rule never holds a copy of them.
const CATALOGUE = new URL('./libs/catalogue/src/products.ts', import.meta.url);
const CODES = [...readFileSync(CATALOGUE, 'utf8').matchAll(/\bcode: '([a-z_]+)'/g)].map((m) => m[1]);
if (CODES.length === 0) throw new Error('eslint.config.mjs: no product codes found in the catalogue');
const CODE = `(${CODES.join('|')})`;

/**
 * One vocabulary (docs/adr/0024): the product list lives in @kaf/catalogue and the Asia/Shanghai
 * offset in @kaf/platform's calendar. A literal list of product codes or a hand-written +8h offset
 * anywhere else is a copy that will drift, so it fails lint.
 */
const CODE_LIST = `ArrayExpression:has(> Literal[value=/^${CODE}$/] ~ Literal[value=/^${CODE}$/])`;
const LIST_MESSAGE =
  'A literal list of product codes copies the catalogue: take PRODUCT_CODES or productsOf(family) from @kaf/catalogue.';
const ONE_VOCABULARY = [
  {
    selector: `TemplateElement[value.raw=/'${CODE}'\\s*,\\s*'${CODE}'/]`,
    message:
      'A list of product codes in SQL copies the catalogue: bind PRODUCT_CODES (or a family) from @kaf/catalogue as a parameter.',
  },
  ...[
    "BinaryExpression[operator='*'][left.value=8][right.value=3600000]",
    "BinaryExpression[operator='*'][left.left.value=8][left.right.value=3600][right.value=1000]",
    "BinaryExpression[operator='*'][left.left.left.value=8][left.left.right.value=60][left.right.value=60][right.value=1000]",
    'Literal[value=28800000]',
    "Property[key.name='timeZone'][value.value='Asia/Shanghai']",
  ].map((selector) => ({
    selector,
    message:
      "Shanghai time is the platform calendar's: use billingMonthOf, shanghaiDate, shanghaiMidnight, shanghaiInstant or shanghaiDateTime from @kaf/platform.",
  })),
];
/** Production code names no list of products at all. */
const ONE_VOCABULARY_IN_CODE = [{ selector: CODE_LIST, message: LIST_MESSAGE }, ...ONE_VOCABULARY];
/**
 * Tests may pick a few products as fixtures or spell out an expected order, but may not declare
 * their own product list at module level.
 */
const ONE_VOCABULARY_IN_TESTS = [
  ...['', ' > TSAsExpression', ' > TSSatisfiesExpression'].map((wrap) => ({
    selector: `Program VariableDeclaration:not(:function VariableDeclaration) > VariableDeclarator${wrap} > ${CODE_LIST}`,
    message: LIST_MESSAGE,
  })),
  ...ONE_VOCABULARY,
];

/**
 * No vacuous assertions: `[].every(p)` is true and `[].some(p)` false for any `p`, so asserting
 * either passes on an empty list. A suite says "all of them" or "none of them" with expectEvery or
 * expectNone (test/support/expectations.ts), which fail on an empty list unless told it may be one.
 */
const EXPECT = "CallExpression[callee.name='expect']";
const SOME = "CallExpression.arguments[callee.property.name='some']";
const NO_VACUOUS_ASSERTIONS = [
  `${EXPECT} > CallExpression.arguments[callee.property.name='every']`,
  `${EXPECT} > UnaryExpression.arguments[operator='!'] > CallExpression.argument[callee.property.name='some']`,
  `CallExpression[callee.property.name=/^(toBe|toEqual|toStrictEqual)$/][arguments.0.value=false] > MemberExpression.callee > ${EXPECT}.object > ${SOME}`,
  `CallExpression[callee.property.name='toBeFalsy'] > MemberExpression.callee > ${EXPECT}.object > ${SOME}`,
  `MemberExpression[property.name='not'] > ${EXPECT}.object > ${SOME}`,
].map((selector) => ({
  selector,
  message:
    'An assertion over list.every()/list.some() passes on an empty list: use expectEvery or expectNone from test/support/expectations.',
}));

/**
 * Domain errors (docs/adr/0028): below the HTTP edge a refusal is a DomainError from @kaf/platform
 * with a code; the ProblemDetailsFilter alone turns it into a status. Nest's HTTP exceptions are
 * for the edge itself (guards, pipes, the filter, a controller refusing the HTTP exchange).
 */
const HTTP_EXCEPTIONS = {
  name: '@nestjs/common',
  importNames: [
    'HttpException',
    'BadGatewayException',
    'BadRequestException',
    'ConflictException',
    'ForbiddenException',
    'GatewayTimeoutException',
    'GoneException',
    'InternalServerErrorException',
    'MethodNotAllowedException',
    'NotAcceptableException',
    'NotFoundException',
    'NotImplementedException',
    'PayloadTooLargeException',
    'PreconditionFailedException',
    'RequestTimeoutException',
    'ServiceUnavailableException',
    'UnauthorizedException',
    'UnprocessableEntityException',
    'UnsupportedMediaTypeException',
  ],
  message:
    'Throw a DomainError from @kaf/platform (NotFoundError, ConflictError, ForbiddenError, InvalidError, FieldValidationException); the ProblemDetailsFilter maps it to HTTP once (docs/adr/0028).',
};
/** Files Nest calls with the HTTP exchange itself: they may speak HTTP. */
const HTTP_EDGE = [
  'libs/platform/src/http/**/*.ts',
  'libs/auth/src/auth.guard.ts',
  'libs/auth/src/token-verifier.ts',
  '**/*.controller.ts',
  '**/*.guard.ts',
  '**/*.pipe.ts',
];
/** A capability registers its inbox handlers through FederatedHandlers (docs/adr/0025). */
const HANDLER_REGISTRY = {
  name: '@kaf/messaging',
  importNames: ['MessageHandlerRegistry'],
  message: 'Register inbox handlers through FederatedHandlers (@kaf/federation), naming their senders.',
};
/** The libs that own the handler registry and may import it. */
const REGISTRY_OWNERS = ['libs/messaging/**', 'libs/federation/**'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      '.run/**',
      'coverage/**',
      '**/gen/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest resolves constructor parameters from emitted metadata: a type-only import of an
      // injected class would erase the runtime reference it needs.
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': ['error', { patterns: [LIB_ALIASES], paths: [HTTP_EXCEPTIONS] }],
      'no-restricted-syntax': ['error', ...ONE_VOCABULARY_IN_CODE],
    },
  },
  {
    // A capability registers its inbox handlers through FederatedHandlers, which makes it say who
    // may send each message; the bare registry would let a handler trust any sender.
    files: ['libs/**/*.ts'],
    ignores: REGISTRY_OWNERS,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [LIB_ALIASES], paths: [HANDLER_REGISTRY, HTTP_EXCEPTIONS] },
      ],
    },
  },
  {
    // The edge may speak HTTP; the handler registry stays where it was refused (no edge file needs it).
    files: HTTP_EDGE,
    rules: { 'no-restricted-imports': ['error', { patterns: [LIB_ALIASES], paths: [HANDLER_REGISTRY] }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      // jest's asymmetric matchers (expect.any, expect.stringContaining) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      'no-restricted-imports': 'off',
      'no-restricted-syntax': ['error', ...ONE_VOCABULARY_IN_TESTS, ...NO_VACUOUS_ASSERTIONS],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [WORKSPACE_ALIASES] }] },
  },
  {
    // The two homes of the vocabulary.
    files: ['libs/catalogue/src/**/*.ts', 'libs/platform/src/calendar/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // ...whose specs still assert nothing vacuously.
    files: ['libs/catalogue/src/**/*.spec.ts', 'libs/platform/src/calendar/**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_VACUOUS_ASSERTIONS] },
  },
);
