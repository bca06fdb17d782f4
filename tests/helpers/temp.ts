/**
 * Test helpers for a real, throw-away installation: a temp data dir with its own SQLite file and feeds.yaml,
 * configured exactly as the service would be from the environment.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/index.js';
import { makeDeps, type Deps, type MakeDepsOptions } from '../../src/deps.js';
import { silentLogger } from '../../src/lib/log.js';

import { makeTempDir } from './tmpdir.js';

export { makeTempDir };

export interface TestInstall {
  dir: string;
  readonly config: Config;
  env: Record<string, string>;
  /** Rewrites feeds.yaml and reloads the configuration. */
  writeFeeds(yaml: string): Config;
  cleanup(): void;
}

/** A data dir + feeds.yaml + environment; `env` is what a spawned `vigie` process should get. */
export function makeTestInstall(feedsYaml = 'topics: []\nsources: []\n', extraEnv: Record<string, string> = {}): TestInstall {
  const { dir, cleanup } = makeTempDir();
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, feedsYaml);
  const env: Record<string, string> = {
    VIGIE_DATA_DIR: join(dir, 'data'),
    FEEDS_FILE: feedsFile,
    FETCH_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: 'silent',
    SEARCH_BACKEND: 'fts5',
    ...extraEnv,
  };
  let config: Config | null = null;
  return {
    dir,
    env,
    /** Loaded on first use, so a test can hand a deliberately wrong feeds.yaml to a spawned command. */
    get config() {
      return (config ??= loadConfig(env, dir));
    },
    writeFeeds(yaml) {
      writeFileSync(feedsFile, yaml);
      return (config = loadConfig(env, dir));
    },
    cleanup,
  };
}

/** makeDeps over a test install, quiet by default. */
export function makeTestDeps(install: TestInstall, opts: MakeDepsOptions = {}): Deps {
  return makeDeps(install.config, { log: silentLogger(), ...opts });
}
