// Lint config. Beyond the recommended rules, its job is to keep the house's arrows pointing inward:
// the core (autograd, expr, train) never imports vscode, the DOM's code, or the faces that use it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const faces = ['**/extension/**', '**/webview/**', '**/cli/**'];
// The core runs unchanged in Node, a Web Worker and VS Code for the Web: no Node-only modules either.
const nodeOnly = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'util', 'crypto'];
const nodeOnlyMessage = 'The core runs in a Web Worker too: no Node-only modules (file access belongs to the CLI).';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/autograd/**', 'src/expr/**', 'src/train/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The core is pure TypeScript: only src/extension imports vscode.' }],
        patterns: [
          { group: faces, message: 'Arrows point inward: the core never uses extension, webview or cli.' },
          { group: nodeOnly, message: nodeOnlyMessage },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'The core never touches the DOM.' },
        { name: 'window', message: 'The core never touches the DOM.' },
        { name: 'navigator', message: 'The core never touches the DOM.' }],
    },
  },
  {
    files: ['src/autograd/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The core is pure TypeScript: only src/extension imports vscode.' }],
        patterns: [
          { group: [...faces, '**/expr/**', '**/train/**'], message: 'The engine stands alone: it imports nothing of ours.' },
          { group: nodeOnly, message: nodeOnlyMessage },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension imports vscode.' }] }],
    },
  },
);
