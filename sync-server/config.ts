// Server configuration from the environment, validated once at start.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Version } from '../shared/client-version';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../shared/attachments/attachment';
import { MAX_ATTACHMENTS_PER_TASK } from '../shared/task';
import { SECRET_HEX, secretsDirFor } from './secrets/secrets';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const ServerEnv = z.object({
  BATON_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  BATON_HOST: z.string().min(1).default('127.0.0.1'),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  /** Seeds the demo practice into an empty data folder. */
  BATON_DEMO: flag,
  /** Days of made-up history the demo seed adds (about 30 tasks a working day); `npm start` uses 90. */
  BATON_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(365).default(0),
  /** postgres://… runs on PostgreSQL; unset uses SQLite in the data folder. */
  BATON_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** The built renderer to serve as the web host. */
  BATON_STATIC_DIR: z.string().optional(),
  /** Lifetime of an access token; the client renews it with its refresh token. */
  BATON_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(15 * 60),
  /** How long a sign-in lasts, however often its access token is refreshed. */
  BATON_REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  /** PEM certificate chain and private key: with both, the server speaks HTTPS only. */
  BATON_TLS_CERT: z.string().min(1).optional(),
  BATON_TLS_KEY: z.string().min(1).optional(),
  /** Allows plain HTTP on an address other than loopback (e.g. behind a TLS-terminating proxy). */
  BATON_ALLOW_PLAIN_HTTP: flag,
  /** Refuses sign-in from workstations that have not enrolled with a code from an admin. */
  BATON_REQUIRE_ENROLLMENT: flag,
  /** Folder of the server's secret files (default: `<data folder>-secrets` beside the data folder). */
  BATON_SECRETS_DIR: z.string().min(1).optional(),
  /** Secrets given by the environment instead of files (hex, 32 bytes or more). */
  BATON_TOKEN_SECRET: z.string().regex(SECRET_HEX, 'must be at least 64 hexadecimal characters').optional(),
  BATON_KEY_ESCROW_SECRET: z.string().regex(SECRET_HEX, 'must be at least 64 hexadecimal characters').optional(),
  BATON_AUDIT_KEY: z.string().regex(SECRET_HEX, 'must be at least 64 hexadecimal characters').optional(),
  BATON_ATTACHMENT_KEY: z.string().regex(SECRET_HEX, 'must be at least 64 hexadecimal characters').optional(),
  /** The largest document a task may hold, in bytes (10 MB by default). */
  BATON_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(DEFAULT_ATTACHMENT_LIMITS.maxBytes),
  /** How many documents one task may hold. */
  BATON_ATTACHMENT_MAX_PER_TASK: z.coerce.number().int().min(1).max(MAX_ATTACHMENTS_PER_TASK).default(DEFAULT_ATTACHMENT_LIMITS.maxPerTask),
  /** Records this instance's secrets as the database's although another instance recorded others (a deliberate change). */
  BATON_ACCEPT_NEW_SECRETS: flag,
  /** The SLA automation (warnings, reminders, escalation): on unless set to 0. */
  BATON_SLA_AUTOMATION: z
    .enum(['0', '1', 'true', 'false', ''])
    .optional()
    .transform((v) => v !== '0' && v !== 'false'),
  /**
   * Behind a reverse proxy: which hops to believe in X-Forwarded-For. `true` (every hop), a number of
   * hops, or comma-separated proxy addresses/CIDRs. Unset: the socket's address, a proxy's if there is one.
   */
  BATON_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() ?? '';
      if (value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      const list = value
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      if (list.every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a))) return list;
      ctx.addIssue({ code: 'custom', message: 'true, a number of hops, or comma-separated proxy addresses (CIDR allowed)' });
      return z.NEVER;
    }),
  /** A port of its own for GET /metrics without a token (on BATON_METRICS_HOST, loopback by default). */
  BATON_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  BATON_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** A folder (shipped off-site by IT) where the server exports the audit chain's head at start and every BATON_AUDIT_EXPORT_HOURS. */
  BATON_AUDIT_EXPORT_DIR: z.string().min(1).optional(),
  BATON_AUDIT_EXPORT_HOURS: z.coerce.number().min(0.01).max(168).default(24),
  /** The oldest app release the server accepts (426 for older ones and for apps that name none). */
  BATON_MIN_CLIENT_VERSION: z.union([Version, z.literal('')]).optional(),
  BATON_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
  /** Other origins whose pages may call the API (comma-separated): the desktop app's by default. */
  BATON_ALLOWED_ORIGINS: z
    .string()
    .default('baton://app')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/, 'each origin is scheme://host[:port]'))),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** Days of demo history to seed with the demo practice (0: today's board only). */
  demoHistoryDays: number;
  databaseUrl?: string;
  staticDir: string;
  tokenTtlSeconds: number;
  refreshTtlSeconds: number;
  logLevel: string;
  /** PEM contents, read at start. */
  tls?: { cert: Buffer; key: Buffer };
  allowPlainHttp: boolean;
  requireEnrollment: boolean;
  allowedOrigins: string[];
  /** Where the secret files are, and the secrets the environment gives instead. */
  secretsDir: string;
  secretEnv: Partial<Record<string, string>>;
  acceptNewSecrets: boolean;
  slaAutomation: boolean;
  trustProxy: boolean | number | string[];
  metricsPort?: number;
  metricsHost: string;
  minClientVersion?: string;
  auditExport?: { dir: string; everyMs: number };
  /** What a task's documents may be: size of each, how many (BATON_ATTACHMENT_MAX_BYTES, BATON_ATTACHMENT_MAX_PER_TASK). */
  attachmentLimits: AttachmentLimits;
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) && v4.split('.').every((n) => Number(n) <= 255);
}

function readPem(variable: string, file: string, cwd: string, problems: string[]): Buffer | undefined {
  const full = path.resolve(cwd, file);
  try {
    const pem = fs.readFileSync(full);
    if (!pem.toString('utf8').includes('-----BEGIN ')) problems.push(`  ${variable}: ${full} is not a PEM file`);
    return pem;
  } catch (error) {
    problems.push(`  ${variable}: cannot read ${full} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return undefined;
  }
}

/** Throws an Error whose message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const parsed = ServerEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  let tls: ServerConfig['tls'];
  if (e.BATON_TLS_CERT || e.BATON_TLS_KEY) {
    if (!e.BATON_TLS_CERT || !e.BATON_TLS_KEY) {
      problems.push(`  ${e.BATON_TLS_CERT ? 'BATON_TLS_KEY' : 'BATON_TLS_CERT'}: set both BATON_TLS_CERT and BATON_TLS_KEY, or neither`);
    } else {
      const cert = readPem('BATON_TLS_CERT', e.BATON_TLS_CERT, cwd, problems);
      const key = readPem('BATON_TLS_KEY', e.BATON_TLS_KEY, cwd, problems);
      if (cert && key) tls = { cert, key };
    }
  }
  if (problems.length > 0) throw new Error(`Invalid server configuration:\n${problems.join('\n')}`);
  if (!tls && !e.BATON_ALLOW_PLAIN_HTTP && !isLoopbackHost(e.BATON_HOST)) {
    throw new Error(
      `Refusing to serve plain HTTP on ${e.BATON_HOST}: sign-ins and patient data would cross the network unencrypted.\n` +
        '  Set BATON_TLS_CERT and BATON_TLS_KEY (PEM files) to serve HTTPS,\n' +
        '  or BATON_ALLOW_PLAIN_HTTP=1 when a TLS-terminating proxy stands in front of the server,\n' +
        '  or listen on loopback only (BATON_HOST=127.0.0.1).',
    );
  }
  return {
    port: e.BATON_PORT,
    host: e.BATON_HOST,
    dataDir: path.resolve(cwd, e.BATON_DATA_DIR),
    demo: e.BATON_DEMO,
    demoHistoryDays: e.BATON_DEMO_HISTORY_DAYS,
    databaseUrl: e.BATON_DATABASE_URL,
    staticDir: path.resolve(cwd, e.BATON_STATIC_DIR ?? 'dist/renderer'),
    tokenTtlSeconds: e.BATON_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: Math.max(e.BATON_REFRESH_TTL_SECONDS, e.BATON_TOKEN_TTL_SECONDS),
    logLevel: e.BATON_LOG_LEVEL,
    tls,
    allowPlainHttp: e.BATON_ALLOW_PLAIN_HTTP,
    requireEnrollment: e.BATON_REQUIRE_ENROLLMENT,
    allowedOrigins: e.BATON_ALLOWED_ORIGINS,
    secretsDir: secretsDirFor(path.resolve(cwd, e.BATON_DATA_DIR), e.BATON_SECRETS_DIR && path.resolve(cwd, e.BATON_SECRETS_DIR)),
    secretEnv: {
      BATON_TOKEN_SECRET: e.BATON_TOKEN_SECRET,
      BATON_KEY_ESCROW_SECRET: e.BATON_KEY_ESCROW_SECRET,
      BATON_AUDIT_KEY: e.BATON_AUDIT_KEY,
      BATON_ATTACHMENT_KEY: e.BATON_ATTACHMENT_KEY,
    },
    attachmentLimits: { ...DEFAULT_ATTACHMENT_LIMITS, maxBytes: e.BATON_ATTACHMENT_MAX_BYTES, maxPerTask: e.BATON_ATTACHMENT_MAX_PER_TASK },
    acceptNewSecrets: e.BATON_ACCEPT_NEW_SECRETS,
    slaAutomation: e.BATON_SLA_AUTOMATION,
    trustProxy: e.BATON_TRUST_PROXY,
    metricsPort: e.BATON_METRICS_PORT,
    metricsHost: e.BATON_METRICS_HOST,
    minClientVersion: e.BATON_MIN_CLIENT_VERSION || undefined,
    auditExport: e.BATON_AUDIT_EXPORT_DIR
      ? { dir: path.resolve(cwd, e.BATON_AUDIT_EXPORT_DIR), everyMs: e.BATON_AUDIT_EXPORT_HOURS * 3600_000 }
      : undefined,
  };
}
