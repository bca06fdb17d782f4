import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config/index.js';
import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { SearchService } from '../search/service.js';
import type { AuthUser } from '../accounts/types.js';
import type { Viewer } from '../access/viewer.js';
import type { FetchRequest, FetchResult } from '../fetch/types.js';
import type { MailSender } from '../mail/send.js';
import type { ParseResult } from '../parse/index.js';

/** What the HTTP layer needs; it reads and writes only through src/ functions. */
export interface AppDeps {
  config: Config;
  sqlite: Sqlite;
  clock: Clock;
  log: Logger;
  search: SearchService;
  /** Accounts and curation: fetching a URL a curator adds, mail for invitations and resets (null = no SMTP). */
  fetch: (req: FetchRequest) => Promise<FetchResult>;
  parse: (input: { body: Buffer; contentType?: string | null; url?: string | null }) => Promise<ParseResult>;
  mail?: MailSender | null;
}

export type AppEnv = { Variables: { user?: AuthUser | null; requestId: string; viewer?: Viewer } };
export type App = OpenAPIHono<AppEnv>;
