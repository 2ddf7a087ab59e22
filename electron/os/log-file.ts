// The shell's log file: one line per event, always through the redactor, so support can read a
// workstation's log without seeing PHI. Rolls over to <file>.1 when it grows past a limit.
import fsp from 'node:fs/promises';
import { redactText, redactValue } from './redact';

type LogLevel = 'info' | 'warn' | 'error';

/** What the log file needs of the file system (a test hands in its own). */
interface LogFs {
  appendFile(file: string, data: string): Promise<void>;
  stat(file: string): Promise<{ size: number }>;
  rename(from: string, to: string): Promise<void>;
}

export interface Logger {
  log(level: LogLevel, message: string, data?: unknown): void;
  /** Resolves when every line so far is on disk. */
  flush(): Promise<void>;
}

function formatLogLine(level: LogLevel, message: string, data: unknown, at: Date): string {
  const extra = data === undefined ? '' : ` ${JSON.stringify(redactValue(data))}`;
  return `${at.toISOString()} ${level.toUpperCase()} ${redactText(message).replace(/[\r\n]+/g, ' ')}${extra}\n`;
}

export function createLogFile(
  file: string,
  { fs = fsp, maxBytes = 5_000_000, now = () => new Date() }: { fs?: LogFs; maxBytes?: number; now?: () => Date } = {},
): Logger {
  let chain: Promise<void> = Promise.resolve();
  return {
    log(level, message, data) {
      const line = formatLogLine(level, message, data, now());
      chain = chain
        .then(async () => {
          const size = await fs.stat(file).then(
            (s) => s.size,
            () => 0,
          );
          if (size + line.length > maxBytes) await fs.rename(file, `${file}.1`);
          await fs.appendFile(file, line);
        })
        .catch(() => undefined); // a full disk must not take the app down with it
    },
    flush: () => chain,
  };
}
