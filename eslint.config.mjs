// Lint config. Beyond the recommended rules, its job is to keep the house's arrows pointing inward:
// the core (autograd, expr, train) never imports vscode, the DOM's code, or the faces that use it; src/expr
// is entered only through its index and its rooms import only the rooms before them. ESLint does not merge
// two `no-restricted-imports` settings for one file (the later wins), so each block below lists every
// restriction of its folder.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const faces = ['**/extension/**', '**/webview/**', '**/cli/**'];
// The core runs unchanged in Node, a Web Worker and VS Code for the Web: no Node-only modules either.
const nodeOnly = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'util', 'crypto'];

const vscodeOnlyInExtension = { name: 'vscode', message: 'Only src/extension imports vscode: the rest is plain TypeScript.' };
const notTheFaces = { group: faces, message: 'Arrows point inward: the core never uses extension, webview or cli.' };
const noNodeModules = { group: nodeOnly, message: 'The core runs in a Web Worker too: no Node-only modules (file access belongs to the CLI).' };
const exprThroughItsIndex = { regex: '(^|/)expr/', message: "Import src/expr through its index ('../expr'), never a module inside it." };

/** Each room of src/expr and the rooms it may import, in pipeline order: a room sees only rooms before it. */
const EXPR_ROOMS = {
  tree: [],
  syntax: ['tree'],
  evaluate: ['tree', 'autograd'],
  document: ['tree', 'syntax', 'evaluate'],
  shapes: ['tree', 'evaluate'],
  calculus: ['tree', 'shapes'],
  simplify: ['tree', 'shapes'],
  print: ['tree', 'syntax'],
};

/**
 * A room imports ../types and the rooms it may (`autograd` is the engine, src/autograd's index); any
 * other `../` import, a later room or the pipeline, fails.
 */
function onlyEarlierRooms(room, allowed) {
  const doors = ['types', ...allowed.map((r) => (r === 'autograd' ? '\\.\\./autograd' : `${r}/[^/]+`))].join('|');
  const rooms = allowed.length ? ` and the rooms before it (${allowed.join(', ')})` : '';
  return { regex: `^\\.\\./(?!(?:${doors})$)`, message: `src/expr/${room} may import only ../types${rooms}.` };
}

function restrictImports(patterns, paths = [vscodeOnlyInExtension]) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const noDom = ['document', 'window', 'navigator'].map((name) => ({ name, message: 'The core never touches the DOM.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The repo's own Node scripts: the build, the launcher, the icon renderer, the test runner.
    files: ['*.mjs', 'bin/**/*.js', 'scripts/**', 'media/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // bin/ is CommonJS, run by Node as it is (no bundler).
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/autograd/**', 'src/expr/**', 'src/train/**', 'src/protocol/**'],
    rules: { 'no-restricted-globals': ['error', ...noDom] },
  },
  {
    files: ['src/expr/*.ts', 'src/train/**', 'src/protocol/**'],
    rules: restrictImports([notTheFaces, noNodeModules, exprThroughItsIndex]),
  },
  {
    files: ['src/autograd/**'],
    rules: restrictImports([
      { group: [...faces, '**/expr/**', '**/expr', '**/train/**', '**/train'], message: 'The engine stands alone: it imports nothing of ours.' },
      noNodeModules,
    ]),
  },
  ...Object.entries(EXPR_ROOMS).map(([room, allowed]) => ({
    files: [`src/expr/${room}/**`],
    rules: restrictImports([notTheFaces, noNodeModules, onlyEarlierRooms(room, allowed)]),
  })),
  {
    files: ['src/webview/**', 'src/cli/**'],
    rules: restrictImports([exprThroughItsIndex]),
  },
  {
    files: ['src/extension/**'],
    rules: restrictImports([exprThroughItsIndex], []),
  },
);
