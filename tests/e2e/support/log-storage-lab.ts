// A page of its own for the log storage in Chromium (bundled by tests/e2e/log-storage.test.ts):
// one collection instance per page, driven through `globalThis.logLab` by the LogStorageLab page object.
import type { RxStorageInstance } from 'rxdb';
import { getRxStorageLog } from '../../../renderer/db/log-storage';
import { itemSchema, type Item, type StoredItem } from '../../../renderer/db/test-log-items';

export type LabDoc = StoredItem;
export interface LabRow {
  previous?: LabDoc;
  document: LabDoc;
}

let instance: RxStorageInstance<Item, unknown, unknown> | undefined;
/** `id:value` of every change event this page's instance sent, in order. */
const seen: string[] = [];

const lab = {
  async open(name: string): Promise<boolean> {
    instance = await getRxStorageLog().createStorageInstance<Item>({
      databaseName: name,
      databaseInstanceToken: Math.random().toString(36).slice(2),
      collectionName: 'items',
      schema: itemSchema,
      options: {},
      multiInstance: true,
      devMode: false,
    });
    instance.changeStream().subscribe((bulk) => bulk.events.forEach((e) => seen.push(`${e.documentId}:${e.documentData.value}`)));
    // The lock is the browser's own across pages, not this page's fallback.
    return 'locks' in navigator;
  },
  async write(rows: LabRow[]): Promise<{ status: number; id: string; valueInDb?: number }[]> {
    const result = await instance!.bulkWrite(rows, 'lab');
    return result.error.map((e) => ({
      status: e.status,
      id: e.documentId,
      valueInDb: 'documentInDb' in e ? e.documentInDb?.value : undefined,
    }));
  },
  async read(id: string): Promise<LabDoc | null> {
    return (await instance!.findDocumentsById([id], true))[0] ?? null;
  },
  seen: () => [...seen],
};

(globalThis as unknown as { logLab: typeof lab }).logLab = lab;
