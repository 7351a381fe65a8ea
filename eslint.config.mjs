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
const nodeOnly = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'https',
  'net',
  'url',
  'util',
  'crypto',
];

const vscodeOnlyInExtension = {
  name: 'vscode',
  message: 'Only src/extension imports vscode: the rest is plain TypeScript.',
};
const notTheFaces = { group: faces, message: 'Arrows point inward: the core never uses extension, webview or cli.' };
const noNodeModules = {
  group: nodeOnly,
  message: 'The core runs in a Web Worker too: no Node-only modules (file access belongs to the CLI).',
};
const notTrain = {
  group: ['**/train', '**/train/**'],
  message: 'The expression language stands below the trainer: it never imports src/train.',
};
const onlyTrainTypes = {
  regex: '(^|/)train(/(?!types$).*)?$',
  message: "src/protocol takes only src/train's types: any other module would bring the engine into the page's bundle.",
};
/** The faces stand side by side: each uses the core and the protocol, never another face. */
const otherFaces = (...names) => ({
  group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]),
  message: 'The faces never import each other: share through the core or src/protocol.',
});
const exprThroughItsIndex = {
  regex: '(^|/)expr/',
  message: "Import src/expr through its index ('../expr'), never a module inside it.",
};

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
  graph: ['tree', 'syntax', 'document', 'print', 'evaluate', 'autograd'],
};

/**
 * A room imports ../types, src/common and the rooms it may (`autograd` is the engine, src/autograd's
 * index); any other `../` import, a later room or the pipeline, fails.
 */
function onlyEarlierRooms(room, allowed) {
  const door = (r) => (r === 'autograd' ? '\\.\\./autograd' : `${r}/[^/]+`);
  const doors = ['types', '\\.\\./common/[^/]+', ...allowed.map(door)].join('|');
  const rooms = allowed.length ? ` and the rooms before it (${allowed.join(', ')})` : '';
  return { regex: `^\\.\\./(?!(?:${doors})$)`, message: `src/expr/${room} may import only ../types${rooms}.` };
}

function restrictImports(patterns, paths = [vscodeOnlyInExtension]) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const noDom = ['document', 'window', 'navigator'].map((name) => ({ name, message: 'The core never touches the DOM.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'coverage/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The repo's own Node scripts: the build, the launcher, the icon renderer, the test runner.
    files: ['*.mjs', 'bin/**/*.js', 'scripts/**', 'media/**/*.mjs', 'test/fixtures/**/*.mjs'],
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
    files: ['src/common/**', 'src/autograd/**', 'src/expr/**', 'src/train/**', 'src/protocol/**'],
    rules: { 'no-restricted-globals': ['error', ...noDom] },
  },
  {
    files: ['src/expr/*.ts'],
    rules: restrictImports([notTheFaces, noNodeModules, notTrain]),
  },
  {
    files: ['src/train/**'],
    rules: restrictImports([notTheFaces, noNodeModules, exprThroughItsIndex]),
  },
  {
    files: ['src/protocol/**'],
    rules: {
      ...restrictImports([notTheFaces, noNodeModules, exprThroughItsIndex, onlyTrainTypes]),
      // The graph panel's messages carry src/expr's ComputationGraph: its type, never its code (the pages
      // that import src/protocol must not bundle the expression language).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)expr$',
              allowTypeImports: true,
              message: 'src/protocol takes only types from src/expr (import type ... from ../expr).',
            },
          ],
        },
      ],
    },
  },
  {
    // The vocabulary every layer shares (Result, errorMessage): it imports nothing at all.
    files: ['src/common/**'],
    rules: restrictImports([
      { regex: '^\\.', message: 'src/common is the bottom of the house: it imports nothing of ours.' },
      noNodeModules,
    ]),
  },
  {
    files: ['src/autograd/**'],
    rules: restrictImports([
      {
        group: [...faces, '**/expr/**', '**/expr', '**/train/**', '**/train'],
        message: 'The engine stands alone: it imports nothing of ours.',
      },
      noNodeModules,
    ]),
  },
  ...Object.entries(EXPR_ROOMS).map(([room, allowed]) => ({
    files: [`src/expr/${room}/**`],
    rules: restrictImports([notTheFaces, noNodeModules, notTrain, onlyEarlierRooms(room, allowed)]),
  })),
  {
    files: ['src/cli/**'],
    rules: restrictImports([exprThroughItsIndex, otherFaces('extension', 'webview')]),
  },
  {
    files: ['src/extension/**'],
    rules: {
      ...restrictImports([exprThroughItsIndex, otherFaces('webview', 'cli')], []),
      // The expression engine is loaded on first use (exprEngine.ts): elsewhere the extension takes only
      // its types, or activation would pay for parsing and simplifying before anyone hovers.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)expr$',
              allowTypeImports: true,
              message: 'Load src/expr through exprEngine.ts (loadExprEngine); import only its types here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/extension/exprEngine.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  // The panel's page and its charts (dist/webview.js) show what the worker reports; only the worker trains.
  // The engine and the expression language stay out of the page bundle, and so do the modules that would
  // bring them in: src/train's index (through its session), src/train/trainer, and the worker's own code.
  // From src/train the page takes only the log's formatter and the types.
  {
    files: ['src/webview/page/**', 'src/webview/charts/**'],
    rules: restrictImports([
      {
        group: ['**/autograd', '**/autograd/**', '**/expr', '**/expr/**'],
        message:
          'The page never trains: the engine and the expression language belong to the worker (take the types from src/protocol).',
      },
      {
        regex: '(^|/)train(/index)?$',
        message:
          "src/train's index brings the engine into dist/webview.js: import train/format or train/types directly.",
      },
      {
        group: ['**/train/**', '!**/train/format', '!**/train/types'],
        message:
          'The page takes only train/format and train/types: the rest of src/train brings the engine into dist/webview.js.',
      },
      {
        group: ['**/worker/**'],
        message: 'The page talks to the worker by messages (src/protocol), never by importing its code.',
      },
      otherFaces('extension', 'cli'),
    ]),
  },
  // The computation graph panel's page (dist/graph.js) draws a graph the extension computed: it takes the
  // types of src/expr, never its code, nor the engine, the trainer, or another page's modules.
  {
    files: ['src/webview/graph/**'],
    rules: {
      ...restrictImports([
        {
          group: ['**/page/**', '**/charts/**', '**/worker/**', 'chart.js', 'chart.js/**'],
          message: "The graph page stands alone: share through src/protocol, not the trainer's page or worker.",
        },
        otherFaces('extension', 'cli'),
      ]),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/autograd', '**/autograd/**', '**/expr', '**/expr/**', '**/train', '**/train/**'],
              allowTypeImports: true,
              message:
                'The graph page draws what the extension computed: take only types from src/expr (the engine stays out of dist/graph.js).',
            },
          ],
        },
      ],
    },
  },
  // The worker (dist/worker.js) has no document and no window: it answers messages, the page draws.
  {
    files: ['src/webview/worker/**'],
    rules: {
      ...restrictImports([
        exprThroughItsIndex,
        {
          group: ['**/page/**', '**/charts/**', 'chart.js', 'chart.js/**'],
          message: 'The worker never draws: the page and its charts are DOM code.',
        },
        otherFaces('extension', 'cli'),
      ]),
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'A Web Worker has no DOM: post a message to the page instead.' },
        { name: 'window', message: 'A Web Worker has no window: the worker entry uses its own global scope (self).' },
      ],
    },
  },
);
