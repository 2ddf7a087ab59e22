// Reads a JSON settings file and checks it with zod, turning every failure into a sentence a
// person can act on (the setup screen shows it with the file's path).
import type { z } from 'zod';

export interface ConfigProblem {
  file: string;
  /** 'failed': the shell itself failed to start; `file` is then its log. */
  kind: 'missing' | 'unreadable' | 'not-json' | 'invalid' | 'failed';
  message: string;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: ConfigProblem };

export interface ReadText {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(whole file)'}: ${i.message}`).join('; ');
}

function parseJsonText<S extends z.ZodType>(file: string, text: string, schema: S): Loaded<z.output<S>> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad saves a BOM
  } catch (error) {
    return { ok: false, problem: { file, kind: 'not-json', message: `The file is not valid JSON (${(error as Error).message}).` } };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problem: { file, kind: 'invalid', message: `The file has wrong or missing settings: ${describeIssues(parsed.error)}.` },
    };
  return { ok: true, value: parsed.data };
}

export async function loadJsonFile<S extends z.ZodType>(file: string, schema: S, fs: ReadText): Promise<Loaded<z.output<S>>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: { file, kind: 'missing', message: 'The file does not exist.' } };
    return { ok: false, problem: { file, kind: 'unreadable', message: `The file cannot be read (${code ?? (error as Error).message}).` } };
  }
  return parseJsonText(file, text, schema);
}
