// ESLint 9 (flat config) with typescript-eslint: `npm run lint`, run by `npm test`'s pretest.
// The recommended rule sets of ESLint and typescript-eslint, without type information: the type
// checker already runs in `npm run typecheck`, and typed linting would re-check every file with
// the compiler for little more than what `strict` reports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/', 'site/', 'site-src/', 'coverage/', 'node_modules/', 'out/', 'neurarchy/', 'bench/results/',
      'test/examples/.generated/',
      // Generated code, compared byte for byte with what the backends write (test/backends/snapshots).
      'test/backends/snapshots/golden/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      // Node scripts and browser code (playground, the browser entry) live side by side.
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a parameter or binding kept for its position or its type
      // (a callback's signature, a destructured value left out on purpose).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Off: this code matches control characters on purpose (model names and messages with
      // invisible characters are refused or escaped, see fuzz/ and core/options.ts), which is
      // exactly what the rule reports.
      'no-control-regex': 'off',
      // Off: the tests match printed text (indented summaries, padded values), where the spaces
      // written out are clearer than ` {2}`.
      'no-regex-spaces': 'off',
    },
  },
  {
    // CommonJS files (the `require` entry point).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
