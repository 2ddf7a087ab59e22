// The per-user settings file in userData: preferences and window places. Missing means first run
// (defaults); a damaged file is reported on the setup screen rather than overwritten unseen.
import path from 'node:path';
import { DEFAULT_USER_SETTINGS, UserSettings, type UserPreferences, type WindowBounds, type WindowKind } from '../../shared/ipc/schemas';
import { writeFileAtomic } from './atomic-write';
import { loadJsonFile, type Loaded, type ReadText } from './json-file';

const USER_SETTINGS_FILE = 'baton-settings.json';
export const userSettingsPath = (userData: string) => path.join(userData, USER_SETTINGS_FILE);

export async function loadUserSettings(file: string, fs: ReadText): Promise<Loaded<UserSettings>> {
  const loaded = await loadJsonFile(file, UserSettings, fs);
  if (!loaded.ok && loaded.problem.kind === 'missing') return { ok: true, value: structuredClone(DEFAULT_USER_SETTINGS) };
  return loaded;
}

/** Holds the settings in memory and writes every change through, atomically and one at a time. */
export class UserSettingsStore {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private settings: UserSettings,
    private readonly write: (file: string, data: string) => Promise<void> = writeFileAtomic,
  ) {}

  get(): UserSettings {
    return structuredClone(this.settings);
  }

  setPreferences(patch: Partial<UserPreferences>): Promise<UserSettings> {
    return this.update({ ...this.settings, preferences: { ...this.settings.preferences, ...patch } });
  }

  setWindowBounds(kind: WindowKind, bounds: WindowBounds): Promise<UserSettings> {
    return this.update({ ...this.settings, windows: { ...this.settings.windows, [kind]: bounds } });
  }

  private async update(next: UserSettings): Promise<UserSettings> {
    this.settings = UserSettings.parse(next);
    const text = `${JSON.stringify(this.settings, null, 2)}\n`;
    const done = this.queue.then(() => this.write(this.file, text));
    this.queue = done.catch(() => undefined);
    await done;
    return this.get();
  }
}
