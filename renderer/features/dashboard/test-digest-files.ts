// The dashboard's tests' files for kept digests (digest-store.ts): real files in a temporary
// directory, opened as the worker opens OPFS files, one run at a time (a second open fails while
// the first is open, as a sync access handle's does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DigestFile, DigestFiles } from './digest-store';

export function testDigestFiles(): { files: DigestFiles; path(name: string): string; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-kpi-digests-'));
  const open = new Set<string>();
  const files: DigestFiles = async (name) => {
    const where = path.join(directory, name);
    if (open.has(where)) throw new DOMException('The file is open in another run', 'NoModificationAllowedError');
    open.add(where);
    const fd = fs.openSync(where, fs.existsSync(where) ? 'r+' : 'w+');
    return {
      getSize: () => fs.fstatSync(fd).size,
      read: (into, { at }) => fs.readSync(fd, into, 0, into.length, at),
      write: (bytes, { at }) => fs.writeSync(fd, bytes, 0, bytes.length, at),
      truncate: (size) => fs.ftruncateSync(fd, size),
      flush: () => fs.fsyncSync(fd),
      close: () => {
        fs.closeSync(fd);
        open.delete(where);
      },
    } satisfies DigestFile;
  };
  return { files, path: (name) => path.join(directory, name), remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}
