// The update feed on disk: <updates dir>/<channel>/<version>/ holds what electron-builder wrote for
// one release (latest*.yml, installers, blockmaps). Publishing copies a release folder in; the
// feed serves the chosen release's files.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Channel, ReleaseVersion } from '../../shared/update-policy';
import { sortVersions } from './rollout';

/** The files of a release the feed serves: update descriptions, installers and their blockmaps. */
export const RELEASE_FILE = /^(?!builder-)[0-9A-Za-z][0-9A-Za-z._ -]{0,200}\.(yml|exe|zip|dmg|AppImage|deb|blockmap)$/;

export const updatesDirFor = (dataDir: string, env: Record<string, string | undefined> = process.env) =>
  env.BATON_UPDATES_DIR ? path.resolve(env.BATON_UPDATES_DIR) : path.join(dataDir, 'updates');

export async function listVersions(root: string, channel: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, channel), { withFileTypes: true }).catch(() => []);
  return sortVersions(entries.filter((e) => e.isDirectory() && ReleaseVersion.safeParse(e.name).success).map((e) => e.name));
}

/** The release's version, from the `version:` line of its update description. */
async function releaseVersion(dir: string): Promise<string> {
  const names = (await fs.readdir(dir)).filter((n) => /^[a-z0-9-]+\.yml$/.test(n) && !n.startsWith('builder-'));
  if (names.length === 0)
    throw new Error(
      `${dir} has no update description (latest.yml, latest-mac.yml, latest-linux.yml): is it electron-builder's output folder?`,
    );
  const versions = new Set<string>();
  for (const name of names) {
    const line = /^version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(await fs.readFile(path.join(dir, name), 'utf8'));
    if (!line) throw new Error(`${name} names no version`);
    versions.add(ReleaseVersion.parse(line[1]));
  }
  if (versions.size !== 1) throw new Error(`the update descriptions name different versions: ${[...versions].join(', ')}`);
  return [...versions][0];
}

/** Copies a release into the channel; a release already published is refused (it may be in use). */
export async function publishRelease(root: string, channel: string, dir: string): Promise<{ version: string; files: string[] }> {
  Channel.parse(channel);
  const version = await releaseVersion(dir);
  const target = path.join(root, channel, version);
  if (
    await fs.stat(target).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${channel} already has ${version}: publish a new version`);
  const files = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && RELEASE_FILE.test(e.name)).map((e) => e.name);
  // Copied into a temporary folder first, then renamed: the feed never shows half a release.
  const staging = `${target}.partial-${process.pid}`;
  await fs.mkdir(staging, { recursive: true });
  for (const file of files) await fs.copyFile(path.join(dir, file), path.join(staging, file));
  await fs.rename(staging, target);
  return { version, files };
}
