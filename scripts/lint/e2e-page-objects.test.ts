// Browser end-to-end tests drive the app through page objects (tests/e2e/pages/): a test body names
// what a user does and sees, never a test id or a selector, so a changed screen is fixed in one place.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e2e = path.join(root, 'tests/e2e');
/** Playwright's ways to find an element, and the DOM's. */
const RAW =
  /\b(getByTestId|getByRole|getByText|getByLabel|getByPlaceholder|getByTitle|locator|querySelector(All)?|waitForSelector|\$\$?)\(|data-testid/;

/** Every line of a test file that finds an element itself. */
function rawSelectors(text: string): string[] {
  return text.split('\n').filter((line) => RAW.test(line));
}

describe('e2e tests use page objects', () => {
  it('finds a raw selector when there is one', () => {
    expect(rawSelectors("await page.getByTestId('board').waitFor();\nawait board.waitReady();")).toHaveLength(1);
    expect(rawSelectors('page.locator(\'[data-selected="true"]\')')).toHaveLength(1);
  });

  for (const name of fs.readdirSync(e2e).filter((n) => n.endsWith('.test.ts'))) {
    it(`${name} finds no element itself`, () => {
      expect(rawSelectors(fs.readFileSync(path.join(e2e, name), 'utf8'))).toEqual([]);
    });
  }
});
