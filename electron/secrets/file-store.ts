// Key files in a folder of userData, written atomically and readable by the user only.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../config/atomic-write';
import type { KeyFileStore } from './db-key';

export function folderKeyStore(folder: string): KeyFileStore {
  return {
    async read(name) {
      try {
        return await fsp.readFile(path.join(folder, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: (name, data) => writeFileAtomic(path.join(folder, name), data),
  };
}
