// Type-aware lint for the whole workspace; `npm run lint` allows zero warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIB_ALIASES = {
  group: ['../../*/src/*', '../../../libs/*', '../../../apps/*'],
  message: 'Import other libs through their @kaf/* alias.',
};

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
      'no-restricted-imports': ['error', { patterns: [LIB_ALIASES] }],
    },
  },
  {
    // A capability registers its inbox handlers through FederatedHandlers, which makes it say who
    // may send each message; the bare registry would let a handler trust any sender.
    files: ['libs/**/*.ts'],
    ignores: ['libs/messaging/**', 'libs/federation/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [LIB_ALIASES],
          paths: [
            {
              name: '@kaf/messaging',
              importNames: ['MessageHandlerRegistry'],
              message:
                'Register inbox handlers through FederatedHandlers (@kaf/federation), naming their senders.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      // jest's asymmetric matchers (expect.any, expect.stringContaining) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
