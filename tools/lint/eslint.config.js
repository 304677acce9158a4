// Lint rules for the whole tree. typescript-eslint's type-aware rules read each file through the
// TypeScript program of its tsconfig; the lint tsconfigs map the libraries to their sources, so a
// fresh clone lints without building first.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The build compiles with TypeScript 7, which has no JavaScript API; typescript-eslint and its
// helpers (some hoisted to the root) must all load this folder's TypeScript 6 instead.
const typescript6 = createRequire(import.meta.url).resolve('typescript');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescript6 : resolveFilename.call(this, request, ...rest);
};
const { default: tseslint } = await import('typescript-eslint');

const root = fileURLToPath(new URL('../..', import.meta.url));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.test-data/**', '.bench-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.lint.json', './apps/web/tsconfig.lint.json'], tsconfigRootDir: root },
    },
    rules: {
      // TypeScript already knows every global; this rule does not read types.
      'no-undef': 'off',
      // Input checks match control characters on purpose (they are what they refuse).
      'no-control-regex': 'off',
      // React form and button handlers may be async: React ignores what they return.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests read answers as parsed JSON and assert on their shape; the assertion is the type check
    // there, so reading members of those answers is allowed. Writing `any` is still refused.
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
