// A page of its own for the log storage in Chromium (bundled by tests/e2e/log-storage.test.ts):
// one collection instance per page, driven through `globalThis.logLab` by the LogStorageLab page object.
import { fillWithDefaultSettings, type RxDocumentData, type RxStorageInstance } from 'rxdb';
import { getRxStorageLog } from '../../../renderer/db/log-storage';

interface LabItem {
  id: string;
  value: number;
}
export type LabDoc = RxDocumentData<LabItem>;
export interface LabRow {
  previous?: LabDoc;
  document: LabDoc;
}

const schema = fillWithDefaultSettings<LabItem>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, value: { type: 'number', minimum: 0, maximum: 1e9, multipleOf: 1 } },
  required: ['id', 'value'],
});

let instance: RxStorageInstance<LabItem, unknown, unknown> | undefined;
/** `id:value` of every change event this page's instance sent, in order. */
const seen: string[] = [];

const lab = {
  async open(name: string): Promise<boolean> {
    instance = await getRxStorageLog().createStorageInstance<LabItem>({
      databaseName: name,
      databaseInstanceToken: Math.random().toString(36).slice(2),
      collectionName: 'items',
      schema,
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
