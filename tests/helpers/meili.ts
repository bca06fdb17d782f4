/**
 * The real Meilisearch of the test run: started once by globalSetup from the npm-packaged binary on a free
 * 127.0.0.1 port with a temp data dir; test files reach it through `inject('meili')` and each uses its own index.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { silentLogger } from '../../src/lib/log.js';
import { findMeiliBinary, startManagedMeili, type ManagedMeili } from '../../src/search/managed.js';
import { makeTempDir } from './tmpdir.js';

export interface TestMeili {
  url: string;
  key: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    meili: TestMeili | null;
  }
}

/** For globalSetup: the shared instance, or null when there is no binary for this platform. */
export async function startTestMeili(): Promise<{ meili: TestMeili | null; stop(): Promise<void> }> {
  const bin = findMeiliBinary();
  if (!bin.ok) return { meili: null, stop: async () => {} };
  const tmp = makeTempDir('vigie-meili-');
  const managed: ManagedMeili = await startManagedMeili({ binary: bin.path, version: bin.version, dataDir: tmp.dir, log: silentLogger() });
  return {
    meili: { url: managed.url, key: managed.key },
    async stop() {
      await managed.stop();
      tmp.cleanup();
    },
  };
}

/** The shared instance (null when absent: callers skip their Meilisearch parts). */
export function testMeili(): TestMeili | null {
  return inject('meili');
}

/** A fresh index uid for one test file (or one test). */
export function testIndexName(prefix: string): string {
  return `t_${prefix.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(3).toString('hex')}_items`;
}

/** Environment pointing a test install at the shared instance with its own index. */
export function meiliEnv(meili: TestMeili, prefix: string): Record<string, string> {
  return { SEARCH_BACKEND: 'meilisearch', MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: testIndexName(prefix) };
}
