// `npm run lint` (also a step of `npm test`): the checks the tree passes and must keep passing:
// ESLint with the full rule set (eslint.config.ts: type-aware, React hooks, the layer rules), the
// Prettier check, knip (no unused file, export or dependency) and a type check per layer.
// The steps run side by side; each one's output is printed whole, in order, and any failure
// fails the run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

type Step = [label: string, command: string, args: string[]];

// The content cache re-lints only changed files (a cold run is most of the time of the whole lint).
const eslint: Step = [
  'ESLint',
  bin('eslint'),
  ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '--cache-strategy', 'content', '--max-warnings', '0', '.'],
];

// Type checks keep their build info there too: a later run checks again only what changed.
const typeCheck = (label: string, project: string, cacheName: string): Step => [
  label,
  bin('tsc'),
  ['-p', project, '--noEmit', '--incremental', '--tsBuildInfoFile', `node_modules/.cache/tsc/${cacheName}.tsbuildinfo`],
];

const steps: Step[] = [
  eslint,
  ['Prettier check', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['knip', bin('knip'), ['--no-progress']],
  // Each layer against only the globals it really has (shared/: neither DOM nor Node; the server and
  // Electron main: Node, no DOM, in one pass; the renderer: DOM, no Node).
  typeCheck('Type check of shared/', 'shared/tsconfig.json', 'shared'),
  typeCheck('Type check of sync-server/ and electron/', 'tsconfig.node.json', 'node'),
  typeCheck('Type check of renderer/', 'renderer/tsconfig.json', 'renderer'),
  // And the whole project at once: tests, benchmarks and scripts sit in no layer's tsconfig.
  typeCheck('Type check of the whole project (tests and benchmarks included)', 'tsconfig.json', 'project'),
];

function run([label, command, args]: Step): Promise<{ label: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ label, ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ label, ok: code === 0, output }));
  });
}

const started = Date.now();
const results = await Promise.all(steps.map(run));
for (const { label, ok, output } of results) {
  console.log(`\n▶ lint: ${label}: ${ok ? 'ok' : 'FAILED'}`);
  if (output.trim()) process.stdout.write(output);
}
const failed = results.filter((r) => !r.ok).map((r) => r.label);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(failed.length ? `\nlint failed (${seconds} s): ${failed.join(', ')}` : `\nlint passed (${seconds} s)`);
process.exit(failed.length ? 1 : 0);
