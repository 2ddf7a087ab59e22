// Whether a Baton server (or one of its tools) is using the database, so a restore can refuse to
// pull it out from under them. SQLite: the server keeps `baton-server.pid` in its data folder while
// it runs. PostgreSQL: every Baton connection names itself (`baton-sync`, `baton-listen`), from
// whatever host it runs on.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const PID_FILE = 'baton-server.pid';
const pidFileIn = (dataDir: string) => path.join(dataDir, PID_FILE);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records this process as the server of `dataDir`; the returned function removes the record. */
export function holdPidFile(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = pidFileIn(dataDir);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      // Already gone.
    }
  };
}

/** The id of a live server process recorded in `dataDir`, if any. */
function runningServerPid(dataDir: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(pidFileIn(dataDir), 'utf8').trim();
  } catch {
    return undefined;
  }
  const pid = Number(text);
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/** Baton connections to the database of `url` (other than this check's own). */
async function batonConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: 'baton-restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('baton-sync', 'baton-listen') AND pid <> pg_backend_pid()",
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Throws, saying what to do, when a server (or a tool) uses the database. */
export async function assertServerStopped(where: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const pid = runningServerPid(where.dataDir);
  if (pid !== undefined) {
    throw new Error(`the Baton server is running (process ${pid}, recorded in ${pidFileIn(where.dataDir)}): stop it first, then restore`);
  }
  if (where.databaseUrl) {
    const count = await batonConnections(where.databaseUrl);
    if (count > 0)
      throw new Error(
        `${count} Baton connection(s) to the PostgreSQL database are open (a server or a tool on some host): stop every server instance first, then restore`,
      );
  }
}
