import { z } from 'zod';
import { ConfigError } from './errors.js';

const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const s = v.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true/false/1/0/yes/no, got '${v}'` });
      return z.NEVER;
    });

const int = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (name: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), { message: `${name} must be an absolute URL` });

export const envSchema = z.object({
  PORT: int(8080, 0, 65535),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  VIGIE_DATA_DIR: optionalString.transform((v) => v ?? './data'),
  FEEDS_FILE: optionalString.transform((v) => v ?? './feeds.yaml'),
  PUBLIC_URL: url('PUBLIC_URL'),
  VIGIE_PUBLIC_READ: bool(true),
  /** Anyone may create an account (without any topic role); off by default: a network is co-opted by invitation. */
  VIGIE_OPEN_SIGNUP: bool(false),
  VIGIE_TIMEZONE: optionalString.transform((v) => v ?? 'Europe/Paris'),
  LOG_LEVEL: optionalString.transform((v) => v ?? 'info'),
  /** Fetcher settings. */
  FETCH_CONCURRENCY: int(16, 1, 512),
  FETCH_PER_HOST: int(2, 1, 64),
  FETCH_TIMEOUT_MS: int(20_000, 1_000, 300_000),
  FETCH_MAX_BYTES: int(10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  FETCH_ALLOW_PRIVATE: bool(false),
  /** Worker threads parsing feeds (default: one per core, at most 4; 0 parses in-process). */
  PARSE_WORKERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 32) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from 0 to 32, got '${v}'` });
        return z.NEVER;
      }
      return n;
    }),
  /** Time budget of one parse job in a worker thread (ms): past it the worker is replaced and the source gets an error. */
  PARSE_TIMEOUT_MS: int(30_000, 100, 600_000),
  /** Default, minimum and maximum interval between fetches of one source, in minutes. */
  FETCH_INTERVAL_MIN: int(60, 1, 10_080),
  FETCH_MIN_INTERVAL_MIN: int(10, 1, 10_080),
  FETCH_MAX_INTERVAL_MIN: int(1_440, 1, 43_200),
  /** Run the workers inside `vigie serve` (default) or not (then run `vigie worker`). */
  VIGIE_WORKERS: bool(true),
  /** Search (issue 4). */
  SEARCH_BACKEND: z.enum(['auto', 'meilisearch', 'fts5']).optional().transform((v) => v ?? 'auto'),
  MEILI_URL: url('MEILI_URL'),
  MEILI_MASTER_KEY: optionalString,
  /** Meilisearch index uid (tests give each file its own). */
  MEILI_INDEX: optionalString
    .transform((v) => v ?? 'vigie_items')
    .refine((v) => /^[A-Za-z0-9_-]{1,200}$/.test(v), { message: 'MEILI_INDEX may contain only letters, digits, - and _' }),
  /** E-mail (digests, password reset). */
  SMTP_URL: optionalString,
  SMTP_FROM: optionalString,
  SMTP_INBOUND_PORT: int(0, 0, 65535),
  INBOUND_DOMAIN: optionalString.transform((v) => (v ?? 'localhost').toLowerCase()),
  /** Newsletters (issue 9): SMTP receiver address (default HOST), message size cap, IMAP mailbox polling. */
  SMTP_INBOUND_HOST: optionalString,
  INBOUND_MAX_BYTES: int(25 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  /** imaps://user:password@host:993/INBOX — a mailbox polled for newsletters (off when unset). */
  IMAP_URL: url('IMAP_URL'),
  IMAP_POLL_SECONDS: int(300, 10, 86_400),
  /** Article pages fetched at once for sources with full_text: true. */
  FULL_TEXT_CONCURRENCY: int(4, 1, 64),
  WEBSUB_HUB: url('WEBSUB_HUB'),
});

export type Env = z.output<typeof envSchema>;

/** Reads the environment once; lists every invalid variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError('invalid environment', problems);
  }
  return parsed.data;
}
