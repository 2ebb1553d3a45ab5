// Lint rules. The engine must stay pure and deterministic: no UI libraries, no DOM, no wall
// clock, no unseeded randomness, no timers (see docs/ARCHITECTURE.md). That is enforced here, not hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import stylistic from '@stylistic/eslint-plugin';

const forbiddenInEngine = {
  paths: ['react', 'react-dom', 'zustand', '@xyflow/react', 'monaco-editor', '@monaco-editor/react', 'framer-motion', 'motion'].map((name) => ({
    name,
    message: 'src/engine is pure TypeScript: no UI libraries (docs/ARCHITECTURE.md).',
  })),
  patterns: [
    { group: ['react/*', 'react-dom/*', '@xyflow/*', 'monaco-editor/*', 'framer-motion/*', 'motion/*'], message: 'src/engine is pure TypeScript: no UI libraries (docs/ARCHITECTURE.md).' },
    { group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**', '**/lessons/**', '**/script/**', '**/experiments/**'], message: 'Imports point down: the engine may use only src/model and itself.' },
  ],
};

const RAW_ROWS = 'Raw trace rows stay in src/engine: ask a replay index or a typed event instead.';
/** Imports that read raw trace rows: row kind codes, and the decoders and folds of row columns. */
const rawRowImports = [
  {
    group: ['**/engine/trace/eventTypes*', '**/engine/index*', '**/engine/simulation*'],
    importNames: ['TraceType', 'TraceTypeCode', 'TRACE_TYPE_NAMES', 'CALL_IN_A', 'describeEvent'],
    message: RAW_ROWS,
  },
  {
    group: ['**/engine/trace/rows*', '**/engine/trace/describe*', '**/engine/replay/brokerFold*', '**/engine/replay/streamFold*'],
    message: 'Row decoders and folds stay in src/engine: ask a replay index or a typed event instead.',
  },
];
/** Calls of `methods` (a regular expression's alternatives) on a trace (`trace.a(i)`, `replay.trace.type(i)`). */
const rawRowCalls = (methods) => ['callee.object.name=/^trace$/i', "callee.object.property.name='trace'"].map((object) => ({
  selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=/^(${methods})$/][${object}]`,
  message: RAW_ROWS,
}));
/** The rows a worker sends, as flat arrays (`rows.words`) or a trace's chunks: the replay takes them in, the page does not. */
const SENT_ROWS = 'The rows a worker sends are for the replay to take in: ask it instead.';
const sentRows = [
  { selector: 'MemberExpression[property.name=/^(words|chunkList)$/]', message: SENT_ROWS },
  { selector: 'ObjectPattern > Property[key.name=/^(words|chunkList)$/]', message: SENT_ROWS },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'coverage/', 'tmp/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { '@stylistic': stylistic },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Lines of at most 140 characters (prettier formats code to that width: `npm run format`);
      // a long message or URL may run on, a comment may not.
      '@stylistic/max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', forbiddenInEngine],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame', 'queueMicrotask', 'fetch', 'XMLHttpRequest', 'process']
          .map((name) => ({ name, message: `src/engine is deterministic and DOM-free: no ${name} (docs/ARCHITECTURE.md).` })),
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use a seeded RandomStream (src/engine/core/random.ts).' },
        // ECMAScript lets engines approximate these differently (Node 20 and Chromium disagree in
        // the last bits), which would make traces differ between Node and the browser.
        ...['log', 'exp', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'log2', 'log10', 'log1p', 'expm1', 'cbrt', 'hypot']
          .map((property) => ({ object: 'Math', property, message: 'Not bit-identical across JavaScript engines: use src/engine/core/portableMath.ts.' })),
        { object: 'Date', property: 'now', message: 'Simulated time only: use the runtime clock.' },
        { object: 'performance', property: 'now', message: 'Simulated time only: use the runtime clock.' },
        { object: 'globalThis', property: 'setTimeout', message: 'Timers are engine events, not wall-clock timers.' },
        { object: 'globalThis', property: 'setInterval', message: 'Timers are engine events, not wall-clock timers.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'Simulated time only: no Date in the engine.' },
        { selector: "BinaryExpression[operator='**']", message: 'Not bit-identical across JavaScript engines: use src/engine/core/portableMath.ts.' },
        { selector: "AssignmentExpression[operator='**=']", message: 'Not bit-identical across JavaScript engines: use src/engine/core/portableMath.ts.' },
      ],
    },
  },
  {
    // The engine's shape (issue 21, docs/ARCHITECTURE.md): a feature imports only the kernel and
    // the layers below, never another feature; it hands work to another through the kernel's
    // handlers, which dispatch.ts fills in.
    files: ['src/engine/features/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: forbiddenInEngine.paths,
        patterns: [
          ...forbiddenInEngine.patterns,
          { regex: '^\\.\\./(?!\\.\\./)|(^|/)features/', message: 'A feature never imports another feature: go through the kernel (kernel/handlers.ts, registered in dispatch.ts).' },
        ],
      }],
    },
  },
  {
    // Only dispatch.ts and simulation.ts (and the build- and schedule-time wiring.ts and changes/)
    // import features: the kernel, faults/ and the layers below know none.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/features/**', 'src/engine/dispatch.ts', 'src/engine/simulation.ts', 'src/engine/wiring.ts', 'src/engine/changes/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: forbiddenInEngine.paths,
        patterns: [
          ...forbiddenInEngine.patterns,
          { regex: '(^|/)features/', message: 'Only dispatch.ts and simulation.ts import features: the kernel and the layers below know none (docs/ARCHITECTURE.md).' },
        ],
      }],
    },
  },
  {
    // Nothing above the engine reads raw trace rows: a row's kind code (TraceType) or what its
    // node / a / b columns hold. It asks the replay's indexes (engine/replay/indexes/), its typed
    // events (replay/callEvents.ts, replay/runEvents.ts) or its folds instead. Reading a row's
    // time (the clock's steps) is not reading a row. The worker and experiments run or carry a run
    // (the worker sends rows on); the page's code does not touch the rows it is sent either.
    // A test: test/lint/engineRules.test.ts.
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/lessons/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: rawRowImports }],
      'no-restricted-syntax': ['error', ...rawRowCalls('type|node|a|b|event|exportRows|appendRows'), ...sentRows],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: rawRowImports }],
      'no-restricted-syntax': ['error', ...rawRowCalls('type|node|a|b|event')],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/engine/**', '**/ui/**', '**/store/**', '**/worker/**', '**/cli/**', '**/experiments/**'], message: 'src/model is the bottom layer: it imports nothing of ours.' }] }],
    },
  },
  {
    // Experiments run scenarios and measure them: above the engine, below whatever shows them.
    files: ['src/experiments/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**', '**/lessons/**', '**/script/**'],
            message: 'Imports point down: experiments may use only src/model, src/engine and the example scenarios.',
          },
          ...rawRowImports,
        ],
      }],
      'no-restricted-syntax': ['error', ...rawRowCalls('type|node|a|b|event')],
    },
  },
);
