// `npm run lint`: ESLint (type-aware rules, React hooks, the layer rules of docs/layers.md), the
// Prettier check, knip (unused files, exports, dependencies) and a type check per layer. Every step
// runs, so one run lists every problem; any failure fails the run.
// `--gate` (what `npm test` runs): the steps the tree passes and must keep passing: the layer rules
// alone, Prettier and the per-layer type checks. The full rule set and knip join the gate once
// their older findings are worked off (issue 14).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const gate = process.argv.includes('--gate');

type Step = [label: string, command: string, args: string[]];

const eslint: Step = gate
  ? ['ESLint layer rules', bin('eslint'), ['--config', 'eslint.layers.config.ts', '--max-warnings', '0', '.']]
  : [
      'ESLint',
      bin('eslint'),
      ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '--cache-strategy', 'content', '--max-warnings', '0', '.'],
    ];

const steps: Step[] = [
  eslint,
  ['Prettier check', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ...(gate ? [] : [['knip', bin('knip'), ['--no-progress']] as Step]),
  // Each layer against only the globals it really has (shared/: neither DOM nor Node).
  ...['shared', 'sync-server', 'electron', 'renderer'].map((layer): Step => [
    `Type check of ${layer}/`,
    bin('tsc'),
    ['-p', `${layer}/tsconfig.json`, '--noEmit'],
  ]),
];

const failed: string[] = [];
for (const [label, command, args] of steps) {
  console.log(`\n▶ lint: ${label}`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed.push(label);
}
console.log(failed.length ? `\nlint failed: ${failed.join(', ')}` : '\nlint passed');
process.exit(failed.length ? 1 : 0);
