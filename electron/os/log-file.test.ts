import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogFile } from './log-file';

describe('log file', () => {
  it('writes redacted lines and rolls over', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-log-'));
    try {
      const file = path.join(dir, 'baton.log');
      const log = createLogFile(file, { maxBytes: 200, now: () => new Date('2026-11-23T10:00:00Z') });
      log.log('info', 'notify for MRN 100234 J.D.\nsecond line', { patientRef: 'MRN 100234', queue: 'clinician' });
      await log.flush();
      expect(await fs.readFile(file, 'utf8')).toBe(
        '2026-11-23T10:00:00.000Z INFO notify for [MRN] second line {"patientRef":"[REDACTED]","queue":"clinician"}\n',
      );
      log.log('warn', 'x'.repeat(150));
      await log.flush();
      expect(await fs.readFile(`${file}.1`, 'utf8')).toContain('[MRN]');
      expect(await fs.readFile(file, 'utf8')).toContain('WARN xxx');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
