// Writes a file so that a crash or power cut leaves either the old or the new content, never half:
// write a temporary file next to it, flush it to disk, then rename over the target.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** `mode`: the new file's permissions (private to the user unless told otherwise). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, fs: typeof fsp = fsp, mode = 0o600): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
