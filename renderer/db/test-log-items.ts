// The small collection the log storage's tests write (log-storage.test.ts in Node, the lab page in Chromium).
import { fillWithDefaultSettings, type RxDocumentData } from 'rxdb';

export interface Item {
  id: string;
  value: number;
}
export type StoredItem = RxDocumentData<Item>;

export const itemSchema = fillWithDefaultSettings<Item>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, value: { type: 'number', minimum: 0, maximum: 1e9, multipleOf: 1 } },
  required: ['id', 'value'],
  indexes: ['value'],
});
