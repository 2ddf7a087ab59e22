import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import type { ConfigBody } from '../../../shared/config/schemas';
import { newId } from '../../../shared/ids';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import { entriesOf, mayOpenAdmin, saveConfigEntry } from './admin-config';
import { practiceConfig$ } from '../../db/config';

let db: BatonDatabase;

beforeEach(async () => {
  db = await openBatonDatabase({
    userId: `admin-${newId()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
  await db.config.bulkInsert(demoConfigDocs('loc-main', (u) => `u-${u}`));
});
afterEach(() => db.close());

describe('admin config data', () => {
  it('lists entries by label, and routing rules in the order they run', async () => {
    const config = await firstValueFrom(practiceConfig$(db));
    const reasons = entriesOf(config, 'reason_code').map((e) => e.body.label);
    expect(reasons).toEqual([...reasons].sort((a, b) => a.localeCompare(b)));
    expect(reasons).toContain('Payer pending');
    const orders = entriesOf(config, 'routing_rule').map((e) => e.body.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(entriesOf(config, 'staff').find((e) => e.key === 'u-manager')?.body.displayName).toBe('Kim Novak');
  });

  it('saves locally with pendingSync and keeps the entry location', async () => {
    await saveConfigEntry(db, 'reason_code', 'fax_unreadable', { kind: 'exception', label: 'Fax unreadable', active: true });
    const location = (await db.config.findOne('location:loc-main').exec())!.toJSON();
    await saveConfigEntry(db, 'location', 'loc-main', { ...(location.body as ConfigBody<'location'>), label: 'Maple Street' });
    const saved = (await db.config.findOne('reason_code:fax_unreadable').exec())!.toJSON();
    expect(saved).toMatchObject({ kind: 'reason_code', locationId: '', pendingSync: true, body: { label: 'Fax unreadable' } });
    expect((await db.config.findOne('location:loc-main').exec())!.toJSON()).toMatchObject({ locationId: 'loc-main', pendingSync: true });
    const config = await firstValueFrom(practiceConfig$(db));
    expect(config.reasonCodes.get('fax_unreadable')?.label).toBe('Fax unreadable');
  });

  it('refuses an invalid body without writing', async () => {
    await expect(saveConfigEntry(db, 'reason_code', 'bad', { kind: 'exception', label: '', active: true })).rejects.toThrow();
    expect(await db.config.findOne('reason_code:bad').exec()).toBeNull();
  });

  it('lets admins and managers open the screen, nobody else', () => {
    expect(mayOpenAdmin(['admin'])).toBe(true);
    expect(mayOpenAdmin(['manager'])).toBe(true);
    expect(mayOpenAdmin(['front_desk'])).toBe(false);
    expect(mayOpenAdmin(['clinician'])).toBe(false);
  });
});
