import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import requireAccessRule from './tools/eslint/require-access-rule.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { platform: { rules: { 'require-access-rule': requireAccessRule } } },
    rules: {
      'platform/require-access-rule': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The core never depends on a tenant.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/tenants/**', '!**/tenants/index.js'], message: 'libs/ must not import from tenants/.' }] },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/tenants/**'], message: 'libs/ must not import from tenants/.' }] },
      ],
    },
  },
  {
    // A tenant reaches the core only through the contract (declarations) and the host (runtime
    // pieces), and never another tenant. The layering itself is dependency-cruiser's (npm run lint).
    files: ['tenants/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(libs|apps)/(?!(plugin-api|tenant-host)/src/index\\.js$)',
              message: 'A tenant imports only libs/plugin-api/src/index.js (declarations) and libs/tenant-host/src/index.js (runtime).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tenants/*/**/*.ts'],
    ignores: ['tenants/*/**/__tests__/**', 'tenants/*/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(libs|apps)/(?!(plugin-api|tenant-host)/src/index\\.js$)',
              message: 'A tenant imports only libs/plugin-api/src/index.js (declarations) and libs/tenant-host/src/index.js (runtime).',
            },
            { regex: '^\\.\\./(?!\\.\\./)', message: 'A tenant does not import another tenant.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', URL: 'readonly' } },
  },
);
