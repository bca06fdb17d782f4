import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeases } from '../../../src/db/jobs/leases.js';
import { openDb, closeDb, type Db } from '../../../src/db/client.js';
import { migrateDb } from '../../../src/db/migrate.js';
import { makeTempDir } from '../../helpers/tmpdir.js';
import { join } from 'node:path';

let tmp: ReturnType<typeof makeTempDir>;
let a: Db;
let b: Db;

beforeEach(() => {
  tmp = makeTempDir();
  a = openDb(join(tmp.dir, 'v.db'));
  migrateDb(a);
  b = openDb(join(tmp.dir, 'v.db')); // a second process's connection to the same file
});
afterEach(() => {
  closeDb(a);
  closeDb(b);
  tmp.cleanup();
});

describe('leases', () => {
  it('one holder at a time; a crashed holder’s lease expires and the work is picked up', () => {
    const la = createLeases(a.$client);
    const lb = createLeases(b.$client);
    expect(la.claim('source:1', 'worker-a', 1000, 0)).toBe(true);
    expect(lb.claim('source:1', 'worker-b', 1000, 500)).toBe(false);
    expect(la.renew('source:1', 'worker-a', 1000, 900)).toBe(true);
    expect(lb.claim('source:1', 'worker-b', 1000, 1500)).toBe(false);
    // worker-a crashes: no release. After expiry, b gets it.
    expect(lb.claim('source:1', 'worker-b', 1000, 2001)).toBe(true);
    expect(la.renew('source:1', 'worker-a', 1000, 2100)).toBe(false);
    lb.release('source:1', 'worker-b');
    expect(la.claim('source:1', 'worker-a', 1000, 2200)).toBe(true);
  });
});
