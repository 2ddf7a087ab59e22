// The patient's side: the practice's request page (`/request/<location>`) and the status link's
// page, on a phone-sized screen, read by their labels and roles as a patient (or a screen reader) would.
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A small phone in portrait: the width the page promises to work at. */
const PHONE = { width: 360, height: 740 };

export class RequestPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A phone's browser of its own (no staff session in it). */
  static async onPhone(browser: Browser): Promise<RequestPage> {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    return new RequestPage(context, await context.newPage());
  }

  async open(serverUrl: string, locationId: string): Promise<void> {
    await this.page.goto(`${serverUrl}/request/${locationId}`);
  }

  /** The request types the page offers, in order. */
  async types(): Promise<string[]> {
    return this.page.getByRole('navigation', { name: 'Request types' }).getByRole('link').locator('strong').allTextContents();
  }

  /** The form's field with this label, if it has one. */
  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async chooseType(label: string): Promise<void> {
    await this.page.getByRole('link', { name: new RegExp(`^${label}`) }).click();
    await this.page.getByRole('heading', { level: 1, name: label }).waitFor();
  }

  /** Fills the field with this label (a type's field, the contact, the request text). */
  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async attach(name: string, mimeType: string, bytes: Buffer): Promise<void> {
    await this.page.getByLabel('A document (optional)').setInputFiles({ name, mimeType, buffer: bytes });
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send request' }).click();
  }

  /** After sending: the status link the page gives. */
  async statusLink(): Promise<string> {
    await this.page.getByRole('heading', { level: 1, name: 'Thank you: we have your request' }).waitFor();
    return (await this.page.getByRole('status').getByRole('link').getAttribute('href')) ?? '';
  }

  /** The problems the page lists after a refused send. */
  async problems(): Promise<string[]> {
    return this.page.getByRole('alert').getByRole('listitem').allTextContents();
  }

  async openStatus(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** The request's state in the page's plain words ("Received", "Waiting on you", ...). */
  async status(): Promise<string> {
    return (await this.page.locator('.status').textContent()) ?? '';
  }

  async question(): Promise<string> {
    return (await this.page.locator('.question').textContent()) ?? '';
  }

  async answer(text: string): Promise<void> {
    await this.fill('Your answer', text);
    await this.page.getByRole('button', { name: 'Send answer' }).click();
    await this.page.getByRole('status').getByText('Thank you: we have your answer.').waitFor();
  }

  /** Whether the page scrolls sideways (it must not, on a phone). */
  async scrollsSideways(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
