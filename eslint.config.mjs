// ESLint 9 flat config: typescript-eslint's recommended rules (syntax only, no type
// information, so it stays fast) over src, webview, test and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// TypeScript checks names in .ts files (typescript-eslint turns no-undef off there); the plain
// JavaScript scripts get their globals listed here.
const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));
const nodeGlobals = readonly([
  'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout',
  'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
  'structuredClone', 'fetch', 'AbortController', 'TextEncoder', 'TextDecoder', 'globalThis',
]);
const browserGlobals = readonly([
  'window', 'document', 'console', 'navigator', 'location', 'setTimeout', 'clearTimeout',
  'requestAnimationFrame', 'HTMLElement', 'Event', 'MessageEvent', 'acquireVsCodeApi',
]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      '*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs', '**/*.js', '**/*.cjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Walking a parent chain starts from `this` (`for (let p = this; p; p = p.parent)`).
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // Test doubles may take shortcuts; `any` stays an error in shipped code.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    files: ['scripts/**', 'test/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: browserGlobals },
  },
);
