// Lint config. Beyond the recommended rules, its job is to keep the house's arrows pointing inward:
// the core (autograd, expr, train) never imports vscode, the DOM's code, or the faces that use it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const faces = ['**/extension/**', '**/webview/**', '**/cli/**'];

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
        patterns: [{ group: faces, message: 'Arrows point inward: the core never uses extension, webview or cli.' }],
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
        patterns: [{ group: [...faces, '**/expr/**', '**/train/**'], message: 'The engine stands alone: it imports nothing of ours.' }],
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
