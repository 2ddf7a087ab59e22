// MUI controls driven the way a person does. Under load a click can land while a menu or dialog
// is still settling and be lost; these helpers click again until the control shows it took effect.
import type { Locator, Page } from 'playwright-core';

const ATTEMPTS = 5;

/** Picks `label` in the select's listbox (opened by `opener`), until the listbox closes. */
export async function pickOption(page: Page, opener: Locator, label: string): Promise<void> {
  await opener.click();
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  for (let attempt = 1; ; attempt++) {
    if (await listbox.isVisible()) await listbox.getByRole('option', { name: label, exact: true }).click();
    try {
      await listbox.waitFor({ state: 'detached', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Clicks `button` until `dialog` shows (clicking again only while no dialog is open). */
export async function openDialog(page: Page, button: Locator, dialog: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator('.MuiDialog-root').count()) === 0) await button.click();
    try {
      await dialog.waitFor({ timeout: 6_000 });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Waits until no dialog is on screen, a closing one's fading backdrop included. More than one can
 * be there at once: under load a dialog closed a moment ago may still be fading when the next opens.
 */
export async function dialogsGone(page: Page): Promise<void> {
  await page.locator('.MuiDialog-root').first().waitFor({ state: 'detached' });
}
