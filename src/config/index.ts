import { isAbsolute, resolve } from 'node:path';
import { readEnv, type Env } from './env.js';
import { loadFeedsFile, type FeedsConfig } from './feeds.js';
import { trimTrailingSlashes } from '../lib/web-url.js';

export interface Config {
  env: Env;
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  feedsFile: string;
  publicUrl: string;
  publicRead: boolean;
  feeds: FeedsConfig;
}

/** The one place that reads process.env and feeds.yaml; returns a frozen Config or throws a ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const env = readEnv(source);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dataDir = abs(env.VIGIE_DATA_DIR);
  const feedsFile = abs(env.FEEDS_FILE);
  const feeds = loadFeedsFile(feedsFile, source, source.FEEDS_FILE !== undefined && source.FEEDS_FILE !== '');
  const publicUrl = trimTrailingSlashes(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  return Object.freeze({
    env,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    dbFile: resolve(dataDir, 'vigie.db'),
    feedsFile,
    publicUrl,
    publicRead: env.VIGIE_PUBLIC_READ,
    feeds,
  });
}
