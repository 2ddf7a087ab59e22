// Each fixture breaks one layer rule of docs/layers.md (its first line names the path it pretends
// to live at); ESLint with the layer rules of eslint.layers.ts must refuse exactly that import.
// The allowed-*.ts fixtures follow the rules and must pass, so a rule set that refuses too much fails too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerRules } from '../../eslint.layers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'scripts/lint/fixtures');

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, layerRules],
});

async function lintFixture(name: string) {
  const text = fs.readFileSync(path.join(fixtures, name), 'utf8');
  const as = /^\/\/ as: (\S+)/.exec(text)?.[1];
  if (!as) throw new Error(`${name}: the first line must say "// as: <path>"`);
  const [result] = await eslint.lintText(text, { filePath: path.join(root, as) });
  return result.messages.map((m) => ({ rule: m.ruleId, line: m.line }));
}

describe('layer rules', () => {
  const all = fs.readdirSync(fixtures);
  const names = all.filter((n) => !n.startsWith('allowed-'));

  it('has a fixture for every rule it claims', () => {
    expect(names.length).toBeGreaterThanOrEqual(13);
  });

  for (const name of names) {
    it(`refuses ${name.replace(/\.ts$/, '').replace(/-/g, ' ')}`, async () => {
      // Line 2 is the one import that breaks the rule.
      expect(await lintFixture(name)).toEqual([{ rule: 'boundaries/dependencies', line: 2 }]);
    });
  }

  for (const name of all.filter((n) => n.startsWith('allowed-'))) {
    it(`lets ${name.replace(/\.ts$/, '').replace(/-/g, ' ')} pass`, async () => {
      expect(await lintFixture(name)).toEqual([]);
    });
  }
});
