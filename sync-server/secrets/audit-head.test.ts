// The audit head file beside the secrets: replaced in the background after commits, it ends at the
// newest committed entry however many commits came at once, and closing the storage waits for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/record';
import { HEAD_FILE, readChainPoint } from './audit-head';
import { openKeyedStorage } from './open-keyed';

describe('the audit head file', () => {
  let root: string;
  const where = () => ({ dataDir: path.join(root, 'data'), secretsDir: path.join(root, 'secrets'), secretEnv: {} });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-audit-head-'));
    fs.mkdirSync(path.join(root, 'data'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('ends at the newest of a burst of commits, and closing waits until it is written', async () => {
    const { storage } = await openKeyedStorage(where());
    // 40 commits started together: their heads are reported while earlier ones are still written.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => recordAudit(storage, { actorId: 'u-test', workstationId: 'ws-test', action: `burst ${i}` })),
    );
    const newest = await storage.auditHead();
    // Closed at once, before the event loop had a turn to finish the background write.
    await storage.close();
    expect(readChainPoint(where().secretsDir, HEAD_FILE)).toEqual(newest);
    expect(fs.readdirSync(where().secretsDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('goes on from the recorded head after a reopen', async () => {
    const first = await openKeyedStorage(where());
    await recordAudit(first.storage, { actorId: 'u-test', workstationId: 'ws-test', action: 'first' });
    await first.storage.close();
    const second = await openKeyedStorage(where());
    await recordAudit(second.storage, { actorId: 'u-test', workstationId: 'ws-test', action: 'second' });
    const newest = await second.storage.auditHead();
    await second.storage.close();
    expect(readChainPoint(where().secretsDir, HEAD_FILE)).toEqual(newest);
  });
});
