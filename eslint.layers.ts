// The layers of docs/layers.md as eslint-plugin-boundaries elements and policies. Tests and test
// helpers may reach across layers (they start servers, seed storage, drive the renderer), so the
// policies apply to the code that ships.
import boundaries from 'eslint-plugin-boundaries';
import type { Linter } from 'eslint';

const SERVER_DOMAINS = '{sync,auth,admin,attachments,audit,automation,backup,intake,ops,reports,secrets,seed,updates}';
/** The renderer's core: what every feature builds on; it never imports a feature. */
const RENDERER_CORE = '{db,sync,host,keyring,workflow,workspace,catalog,ui,build}';
const RENDERER = ['renderer', 'renderer-app', 'renderer-feature', 'renderer-core'];

/** Files that are tests or only serve tests: free to import across layers. */
export const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'tests/**', 'benchmarks/**', 'scripts/**', '**/test-*.ts'];

const elements = [
  { type: 'shared', pattern: 'shared', partialMatch: false },
  // The server flows http → domain (sync, auth, admin, audit, ...) → storage, never backwards;
  // errors/ (the API's refusals, thrown by domain code too) sits below them all.
  { type: 'server-errors', pattern: 'sync-server/errors', partialMatch: false },
  { type: 'server-http', pattern: 'sync-server/http', partialMatch: false },
  { type: 'server-storage', pattern: 'sync-server/storage', partialMatch: false },
  { type: 'server-domain', pattern: `sync-server/${SERVER_DOMAINS}`, partialMatch: false, capture: ['domain'] },
  // app.ts, main.ts, config.ts: the composition root that wires every server layer together.
  { type: 'server-root', pattern: 'sync-server', partialMatch: false },
  { type: 'electron-main', pattern: 'electron', partialMatch: false },
  // ── Renderer elements (docs/architecture.md): the composition root, the features, the core. ──
  { type: 'renderer-app', pattern: 'renderer/app', partialMatch: false },
  { type: 'renderer-feature', pattern: 'renderer/features/*', partialMatch: false, capture: ['feature'] },
  { type: 'renderer-core', pattern: `renderer/${RENDERER_CORE}`, partialMatch: false },
  // main.tsx (the entry, which mounts the app), vite.config.ts: outside the layers above.
  { type: 'renderer', pattern: 'renderer', partialMatch: false },
  // ── end of the renderer section ──
];

// The preload script runs in the renderer's process, not main's: a file of its own inside electron/.
const files = [{ category: 'preload', pattern: 'electron/preload.ts' }];
const preload = { file: { categories: 'preload' } };

const server = ['server-http', 'server-domain', 'server-storage', 'server-errors', 'server-root'];
/** Any file of ours outside these element types. */
const not = (types: string[]) => ({
  module: { origin: 'local' },
  element: { type: types.length === 1 ? `!${types[0]}` : `!{${types.join(',')}}` },
});

const policies = [
  // shared/: zod and other shared/ files only; no Node module, no other layer. Two exceptions, both
  // pure: @date-fns/tz (business time must be computed alike by server and board, and by hand it was
  // fragile) and rxdb's types (the replica's schemas are made here from the zod schemas; no rxdb code).
  {
    from: { element: { type: 'shared' } },
    disallow: {
      to: [not(['shared']), { module: { origin: 'core' } }, { module: { origin: 'external', source: '!{zod,@date-fns/tz,rxdb}' } }],
    },
  },
  { from: { element: { type: 'shared' } }, disallow: { to: { module: { source: 'rxdb' } }, dependency: { kind: 'value' } } },
  // The server's layers, downwards only.
  { from: { element: { type: 'server-errors' } }, disallow: { to: not(['server-errors', 'shared']) } },
  { from: { element: { type: 'server-storage' } }, disallow: { to: not(['server-storage', 'server-errors', 'shared']) } },
  { from: { element: { type: 'server-domain' } }, disallow: { to: not(['server-domain', 'server-storage', 'server-errors', 'shared']) } },
  {
    from: { element: { type: 'server-http' } },
    disallow: { to: not(['server-http', 'server-domain', 'server-storage', 'server-errors', 'shared']) },
  },
  { from: { element: { type: 'server-root' } }, disallow: { to: not([...server, 'shared']) } },
  // Electron main and preload meet only through the IPC contract in shared/ipc.
  { from: preload, disallow: { to: not(['shared']) } },
  { from: { element: { type: 'electron-main' } }, disallow: { to: [not(['electron-main', 'shared']), preload] } },
  // ── Renderer policies (docs/architecture.md). The renderer reaches its host through shared/ipc (the
  // preload's bridge) and the server over HTTP, never by import. ──
  {
    from: { element: { types: `{${RENDERER.join(',')}}` } },
    disallow: { to: [not([...RENDERER, 'shared']), { module: { origin: 'external', source: 'electron' } }] },
  },
  // The core never imports a feature or the app: features build on it, not the other way round.
  { from: { element: { type: 'renderer-core' } }, disallow: { to: { element: { types: '{renderer-feature,renderer-app}' } } } },
  // A feature never imports the app, and another feature only through that feature's index.ts.
  {
    from: { element: { type: 'renderer-feature' } },
    disallow: {
      to: [
        { element: { type: 'renderer-app' } },
        {
          element: {
            type: 'renderer-feature',
            captured: { feature: '!{{ from.element.captured.feature }}' },
            fileInternalPath: '!index.ts',
          },
        },
      ],
    },
  },
  // ── end of the renderer section ──
];

export const layerRules: Linter.Config = {
  files: ['shared/**/*.ts', 'sync-server/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
  // Command-line tools are entry points that wire layers together, as app.ts does.
  ignores: [...TEST_FILES, 'sync-server/**/*-cli.ts'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': elements,
    'boundaries/files': files,
    'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
    'import/resolver': { typescript: { alwaysTryTypes: true } },
  },
  rules: {
    // checkAllOrigins: packages and Node modules too (shared/ and the renderer have rules for them);
    // checkInternals: the preload is a file inside electron/, so imports within an element count.
    'boundaries/dependencies': ['error', { default: 'allow', checkAllOrigins: true, checkInternals: true, policies }],
  },
};
