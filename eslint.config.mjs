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
  // The panel's page and its charts (dist/webview.js) show what the worker reports; only the worker trains.
  // The engine and the expression language stay out of the page bundle, and so do the modules that would
  // bring them in: src/train's index (through its session), src/train/trainer, and the worker's own code.
  // From src/train the page takes only the log's formatter and the types. (This block replaces the one
  // above for these files, so it repeats the vscode rule.)
  {
    files: ['src/webview/page/**', 'src/webview/charts/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/extension imports vscode.' }],
        patterns: [
          { group: ['**/autograd', '**/autograd/**', '**/expr', '**/expr/**'], message: 'The page never trains: the engine and the expression language belong to the worker (take the types from src/protocol).' },
          { regex: '(^|/)train(/index)?$', message: "src/train's index brings the engine into dist/webview.js: import train/format or train/types directly." },
          { group: ['**/train/**', '!**/train/format', '!**/train/types'], message: 'The page takes only train/format and train/types: the rest of src/train brings the engine into dist/webview.js.' },
          { group: ['**/worker/**'], message: 'The page talks to the worker by messages (src/protocol), never by importing its code.' },
        ],
      }],
    },
  },
  // The worker (dist/worker.js) has no document and no window: it answers messages, the page draws.
  {
    files: ['src/webview/worker/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/extension imports vscode.' }],
        patterns: [{ group: ['**/page/**', '**/charts/**', 'chart.js', 'chart.js/**'], message: 'The worker never draws: the page and its charts are DOM code.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'A Web Worker has no DOM: post a message to the page instead.' },
        { name: 'window', message: 'A Web Worker has no window: the worker entry uses its own global scope (self).' }],
    },
  },
);
