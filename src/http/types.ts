import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config/index.js';
import type { Sqlite } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';

/** What the HTTP layer needs; it reads and writes only through src/ functions. */
export interface AppDeps {
  config: Config;
  sqlite: Sqlite;
  clock: Clock;
  log: Logger;
}

export type AppEnv = { Variables: { user?: { id: number; role: string } | null; requestId: string } };
export type App = OpenAPIHono<AppEnv>;
