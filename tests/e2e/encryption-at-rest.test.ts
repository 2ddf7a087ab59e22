// PHI at rest: a demo user's replica fills in a persistent Chromium profile; after the browser
// closes, no seeded patient reference or request text is anywhere in the profile's IndexedDB files,
// while the task ids (not encrypted) and a plain control value are, so the read does see clear text.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/api';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startServer, tempDir, type RunningServer } from '../support/server-process';
import { BoardPage } from './pages/BoardPage';
import { SignInPage } from './pages/SignInPage';
import { ensureRendererBuilt } from './support/build';

const poll = { timeout: 60_000, interval: 250 };
const CANARY = 'MRN 1009999 Q.Q.';
let server: RunningServer;
let profile: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startServer();
  profile = tempDir('baton-e2e-profile-');
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.stop();
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Every file of every IndexedDB folder in the profile (LevelDB .log/.ldb, blob folders). */
function indexedDbFiles(dir: string, inIdb = false): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    const here = inIdb || entry.name === 'IndexedDB';
    if (entry.isDirectory()) return indexedDbFiles(full, here);
    return here && entry.isFile() ? [full] : [];
  });
}

/** V8 stores strings as Latin-1 or UTF-16; IndexedDB keys are UTF-16 big-endian. */
function encodings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [Buffer.from(text, 'latin1'), le, be];
}
const contains = (haystack: Buffer, text: string) => encodings(text).some((needle) => haystack.includes(needle));

/** Raw task records in the page's IndexedDB (the newest of each in the replica's log, under every RxDB layer). */
function rawTaskRecords(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith('baton-log-baton-') && n.includes('--tasks--'));
    const latest = new Map<unknown, Record<string, unknown>>();
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      const records = await new Promise<{ json: string }[]>((resolve) => {
        const req = db.transaction('log').objectStore('log').getAll();
        req.onsuccess = () => resolve(req.result as { json: string }[]);
      });
      for (const record of records) for (const doc of JSON.parse(record.json) as Record<string, unknown>[]) latest.set(doc.id, doc);
      db.close();
    }
    return [...latest.values()];
  });
}

describe('PHI encryption at rest in the browser', () => {
  it('leaves no seeded patient reference in clear text in the IndexedDB files', async () => {
    const api = await signIn(server.url, 'frontdesk', 'e2e-expected');
    const readable = (await api.pullAll('tasks', 500)).documents.filter((d) => !d._deleted) as {
      id: string;
      title: string;
      patientRef: string;
      description: string;
    }[];
    const patientRefs = readable.map((t) => t.patientRef).filter(Boolean);
    expect(patientRefs.length).toBeGreaterThan(5);

    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const signInPage = new SignInPage(page);
    await signInPage.goto(server.url);
    await signInPage.signIn('frontdesk');
    const board = new BoardPage(page);
    await board.waitReady();
    // The replica holds every task the user may read, each stored with its PHI sealed.
    await expect.poll(async () => (await rawTaskRecords(page)).length, poll).toBeGreaterThanOrEqual(readable.length);
    const records = await rawTaskRecords(page);
    expect(records.every((r) => typeof r.sealed === 'string' && !('patientRef' in r) && !('description' in r))).toBe(true);
    // A positive control: a patient-reference-shaped value stored by the page without encryption.
    await page.evaluate(async (canary) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('plain-control', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('docs', { keyPath: 'id' });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite');
        tx.objectStore('docs').put({ id: 'control', patientRef: canary });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      });
      db.close();
    }, CANARY);
    // The board still shows the decrypted values.
    await board.search(patientRefs[0]);
    await expect.poll(() => board.textShown(patientRefs[0]).count(), poll).toBeGreaterThan(0);
    await context.close();
    context = undefined;

    const files = indexedDbFiles(profile);
    expect(files.length).toBeGreaterThan(0);
    const raw = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    // Control: ids are stored in clear (record values and index keys), so clear text is visible here.
    const idsFound = readable.filter((t) => contains(raw, t.id)).length;
    expect(idsFound).toBe(readable.length);
    expect(contains(raw, CANARY)).toBe(true);
    expect(patientRefs.filter((ref) => contains(raw, ref))).toEqual([]);
    expect(readable.filter((t) => t.description && contains(raw, t.description))).toEqual([]);
  });
});
