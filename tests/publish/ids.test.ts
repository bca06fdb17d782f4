import { describe, expect, it } from 'vitest';
import { instanceNamespace, publishIds, uuidV5 } from '../../src/publish/ids.js';
import { makeTestDeps, makeTestInstall } from '../helpers/temp.js';

describe('stable ids', () => {
  it('computes RFC 9562 UUIDv5 (the DNS namespace example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('keeps one namespace per instance across restarts, so item ids never change', async () => {
    const install = makeTestInstall();
    try {
      const first = makeTestDeps(install);
      const ns = instanceNamespace(first.sqlite, 1);
      expect(instanceNamespace(first.sqlite, 2, () => '00000000-0000-4000-8000-000000000000')).toBe(ns);
      const id = publishIds(ns).item(42);
      await first.close();
      const again = makeTestDeps(install);
      expect(publishIds(instanceNamespace(again.sqlite, 3)).item(42)).toBe(id);
      expect(publishIds(instanceNamespace(again.sqlite, 3)).item(43)).not.toBe(id);
      await again.close();
    } finally {
      install.cleanup();
    }
  });

  it('differs between instances (a random namespace each)', async () => {
    const a = makeTestInstall();
    const b = makeTestInstall();
    try {
      const da = makeTestDeps(a);
      const db = makeTestDeps(b);
      expect(instanceNamespace(da.sqlite, 1)).not.toBe(instanceNamespace(db.sqlite, 1));
      await da.close();
      await db.close();
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});
