// Server configuration from the environment, validated once at start.
import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const ServerEnv = z.object({
  BATON_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  BATON_HOST: z.string().min(1).default('127.0.0.1'),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  /** Seeds the demo practice into an empty data folder. */
  BATON_DEMO: flag,
  /** postgres://… runs on PostgreSQL; unset uses SQLite in the data folder. */
  BATON_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** The built renderer to serve as the web host. */
  BATON_STATIC_DIR: z.string().optional(),
  BATON_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(12 * 3600),
  BATON_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  databaseUrl?: string;
  staticDir: string;
  tokenTtlSeconds: number;
  logLevel: string;
}

/** Throws an Error whose message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const parsed = ServerEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.BATON_PORT,
    host: e.BATON_HOST,
    dataDir: path.resolve(cwd, e.BATON_DATA_DIR),
    demo: e.BATON_DEMO,
    databaseUrl: e.BATON_DATABASE_URL,
    staticDir: path.resolve(cwd, e.BATON_STATIC_DIR ?? 'dist/renderer'),
    tokenTtlSeconds: e.BATON_TOKEN_TTL_SECONDS,
    logLevel: e.BATON_LOG_LEVEL,
  };
}
