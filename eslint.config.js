import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'bench/work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Domain code takes what it needs as arguments: no toolkit imports (see docs/architecture.md).
    files: ['src/packaging/**', 'src/gating/**', 'src/promotion/**', 'src/release-notes/**', 'src/notify/**', 'src/git/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@actions/*'], message: 'Domain code must not import the Actions toolkit; pass what it needs in.' }] }] },
  },
);
