import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseFeed, type ParseResult } from './index.js';

type ParseInput = { body: Buffer; contentType?: string | null; url?: string | null };

export interface Parser {
  parse(input: ParseInput): Promise<ParseResult>;
  close(): Promise<void>;
}

/**
 * Parsing and sanitising are the CPU-heavy part of ingestion: with more than one core, feeds are parsed in worker
 * threads while the main thread fetches and stores. Falls back to in-process parsing when workers are off (size 0)
 * or when running from TypeScript sources (tests), where the worker file is not plain JavaScript.
 */
export function createParser(size = Math.min(4, Math.max(0, availableParallelism() - 1) || 0)): Parser {
  const workerFile = new URL('./worker.js', import.meta.url);
  if (size <= 0 || !import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(workerFile))) {
    return { parse: (input) => parseFeed(input), close: async () => {} };
  }
  type Pending = { resolve: (r: ParseResult) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  const load = new Map<Worker, number>();
  let nextId = 0;
  const spawnWorker = (): Worker => {
    const w = new Worker(workerFile);
    w.unref();
    w.on('message', (msg: { id: number; result?: ParseResult; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      load.set(w, (load.get(w) ?? 1) - 1);
      if (!p) return;
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    w.on('error', (err) => {
      // A crashed worker fails only the jobs it held; it is replaced.
      load.delete(w);
      for (const [id, p] of pending) if ((p as Pending & { worker?: Worker }).worker === w) (pending.delete(id), p.reject(err));
      load.set(spawnWorker(), 0);
    });
    load.set(w, 0);
    return w;
  };
  for (let i = 0; i < size; i++) spawnWorker();
  return {
    parse(input) {
      const [worker] = [...load.entries()].sort((a, b) => a[1] - b[1])[0]!;
      load.set(worker, (load.get(worker) ?? 0) + 1);
      const id = nextId++;
      return new Promise<ParseResult>((resolve, reject) => {
        pending.set(id, Object.assign({ resolve, reject }, { worker }));
        const body = new Uint8Array(input.body);
        worker.postMessage({ id, body, contentType: input.contentType ?? null, url: input.url ?? null }, [body.buffer]);
      });
    },
    async close() {
      await Promise.all([...load.keys()].map((w) => w.terminate()));
      load.clear();
    },
  };
}
