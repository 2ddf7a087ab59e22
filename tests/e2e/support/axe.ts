// Runs axe-core on what the page shows now and keeps what the product promises to fix: the WCAG 2.1
// A and AA rules, and the best-practice rules for landmarks and headings, at serious or critical impact.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One rule's violation, as axe reports it (axe-core's own type, through the builder we depend on). */
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Best-practice rules (not WCAG-tagged) for a screen's structure: content in landmarks, one main, an h1. */
const STRUCTURE_RULES = ['region', 'landmark-one-main', 'page-has-heading-one'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * The violations on the page the product does not accept, one readable line per offending element
 * (rule, impact, help, what was found, selector, markup), so a failing assertion says what to fix
 * and where. `[]` when clean.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await animationsSettled(page);
  // Structure rules are best-practice (impact moderate by axe's own rating); a screen without a
  // main landmark or h1 fails the product's promise all the same, so they count whatever their impact.
  const { violations } = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'best-practice']).analyze();
  return [...violations.filter(counts).flatMap(describe), ...(await oneHeadingOne(page))];
}

/** axe asks for at least one h1; a screen has exactly one, its name, or headings lose their order. */
async function oneHeadingOne(page: Page): Promise<string[]> {
  const h1s = await page.locator('h1, [role="heading"][aria-level="1"]').allTextContents();
  return h1s.length > 1 ? [`one-h1: a screen has one level-1 heading, this one has ${h1s.length}: ${h1s.join(' | ')}`] : [];
}

function counts(violation: Result): boolean {
  const isWcag = violation.tags.some((tag) => WCAG_TAGS.includes(tag));
  if (STRUCTURE_RULES.includes(violation.id)) return true;
  return isWcag && BLOCKING.has(violation.impact ?? '');
}

function describe(violation: Result): string[] {
  return violation.nodes.map((node) => {
    // What the check found (for contrast: the ratio and both colours), then the element's own markup.
    const found = [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; ');
    const html = node.html.length > 160 ? `${node.html.slice(0, 160)}…` : node.html;
    return `${violation.id} (${violation.impact}): ${violation.help}. ${found} — at ${node.target.join(' ')} — ${html}`;
  });
}

/** Waits for opening transitions (a dialog's fade, a drawer's slide): half-faded text would fail contrast. */
async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}
