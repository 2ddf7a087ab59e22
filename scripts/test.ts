// `npm test`: prepares what the tests need (Chromium, a PostgreSQL cluster, the renderer bundle),
// lints and type-checks (`npm run lint`), and runs every vitest project. Ends with one line:
// "N passed, N failed, N skipped", where a failed lint counts as one failure.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = (label: string) => console.log(`\n▶ ${label}`);
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

step('Checking Chromium and PostgreSQL for the tests');
execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: root, stdio: 'inherit' });
execFileSync('bash', ['scripts/ensure-postgres.sh'], { cwd: root, stdio: 'inherit', env: { ...process.env, BATON_TEST_PG: '1' } });

step('Linting (`npm run lint`: ESLint, Prettier, knip, a type check per layer and of the whole project)');
// The tests still run after a failed lint, so one run reports both.
const lintFailed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint/run.ts'], { cwd: root, stdio: 'inherit' }).status !== 0;

step('Building the renderer');
await buildRenderer();

step('Running the tests');
const report = path.join(root, 'test-results/vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const run = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}
if (!fs.existsSync(report)) {
  console.log(`0 passed, ${lintFailed ? 2 : 1} failed`);
  process.exit(run.status || 1);
}
const result = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestJson;
const skipped = result.numPendingTests + result.numTodoTests;
const failed = result.numFailedTests + (result.numFailedTests === 0 ? result.numFailedTestSuites : 0) + (lintFailed ? 1 : 0);
if (lintFailed) console.log('\nnpm run lint failed (counted as one failure): see its output above');
console.log(`\n${result.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
// Nothing may be skipped silently: a skip fails the run.
process.exit(run.status !== 0 || failed > 0 || skipped > 0 ? 1 : 0);
