// A Baton backup file: a line naming the format, a JSON manifest line, then the parts' bytes one
// after another. Parts: `database` (a SQLite file or a pg_dump custom-format archive) and, only when
// asked for, `secrets/<name>` (the secrets folder). Every part carries its SHA-256, so a restore
// checks the whole file before it touches anything.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { DatabaseId } from '../storage/identity';

const MAGIC = 'BATON-BACKUP 1\n';
/** The manifest line is small; a longer one is not a Baton backup. */
const HEADER_MAX = 64 * 1024;

export const PART_DATABASE = 'database';
export const secretPart = (name: string) => `secrets/${name}`;

const Part = z
  .object({
    name: z.string().regex(/^(database|secrets\/[A-Za-z0-9._-]{1,100})$/),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const Manifest = z
  .object({
    format: z.literal(1),
    kind: z.enum(['sqlite', 'postgres']),
    createdAt: z.iso.datetime(),
    databaseId: DatabaseId.optional(),
    /** The database's sequence when the copy was taken (for the record; the restore reads its own). */
    seq: z.number().int().nonnegative(),
    schemaVersion: z.number().int().nonnegative(),
    parts: z.array(Part).min(1),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

async function digest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes the backup beside `out`, flushes it to disk, then renames it into place (never half a file). */
export async function writeArchive(
  out: string,
  head: Omit<Manifest, 'parts' | 'format'>,
  parts: { name: string; file: string }[],
): Promise<Manifest> {
  const manifest = Manifest.parse({
    format: 1,
    ...head,
    parts: await Promise.all(parts.map(async (p) => ({ name: p.name, ...(await digest(p.file)) }))),
  });
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      fs.writeSync(fd, `${MAGIC}${JSON.stringify(manifest)}\n`);
      for (const part of parts) {
        await pipeline(fs.createReadStream(part.file), fs.createWriteStream('', { fd, autoClose: false }));
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, out);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return manifest;
}

export interface OpenedArchive {
  manifest: Manifest;
  /** Where each part starts in the file. */
  offsets: Map<string, number>;
}

/** Reads the manifest and checks every part's length and checksum; throws saying what is wrong. */
export async function openArchive(file: string): Promise<OpenedArchive> {
  const fd = fs.openSync(file, 'r');
  let header: string;
  try {
    const buffer = Buffer.alloc(HEADER_MAX);
    header = buffer.subarray(0, fs.readSync(fd, buffer, 0, HEADER_MAX, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
  if (!header.startsWith(MAGIC)) throw new Error(`${file} is not a Baton backup`);
  const end = header.indexOf('\n', MAGIC.length);
  if (end < 0) throw new Error(`${file} is not a Baton backup (no manifest)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(header.slice(MAGIC.length, end));
  } catch {
    throw new Error(`${file}: the backup's manifest is damaged`);
  }
  const result = Manifest.safeParse(parsed);
  if (!result.success) throw new Error(`${file}: the backup's manifest is not one this release reads (${result.error.issues[0]?.message})`);
  const manifest = result.data;
  const offsets = new Map<string, number>();
  let offset = Buffer.byteLength(header.slice(0, end + 1));
  for (const part of manifest.parts) {
    offsets.set(part.name, offset);
    offset += part.bytes;
  }
  if (fs.statSync(file).size !== offset) throw new Error(`${file} is incomplete or has extra bytes: the backup is damaged`);
  for (const part of manifest.parts) {
    const hash = createHash('sha256');
    if (part.bytes > 0)
      for await (const chunk of fs.createReadStream(file, { start: offsets.get(part.name), end: offsets.get(part.name)! + part.bytes - 1 }))
        hash.update(chunk as Buffer);
    if (hash.digest('hex') !== part.sha256)
      throw new Error(`${file}: part ${part.name} does not match its checksum: the backup is damaged`);
  }
  return { manifest, offsets };
}

/** Copies one part out of the backup into `dest` (mode 0600). */
export async function extractPart(file: string, archive: OpenedArchive, name: string, dest: string): Promise<void> {
  const part = archive.manifest.parts.find((p) => p.name === name);
  if (!part) throw new Error(`the backup has no ${name}`);
  const start = archive.offsets.get(name)!;
  if (part.bytes === 0) return fs.writeFileSync(dest, '', { mode: 0o600 });
  await pipeline(fs.createReadStream(file, { start, end: start + part.bytes - 1 }), fs.createWriteStream(dest, { mode: 0o600 }));
}
