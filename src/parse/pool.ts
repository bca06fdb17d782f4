import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseFeed, type ParseResult } from './index.js';

type ParseInput = { body: Buffer; contentType?: string | null; url?: string | null; contentLanguage?: string | null };

export interface Parser {
  parse(input: ParseInput): Promise<ParseResult>;
  close(): Promise<void>;
}

type Pending = { resolve: (r: ParseResult) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; jobs: Map<number, Pending> };

/**
 * Parsing and sanitising are the CPU-heavy part of ingestion: feeds are parsed in worker threads (one per core by
 * default) while the main thread fetches and stores. Falls back to in-process parsing when workers are off (size 0)
 * or when running from TypeScript sources (tests), where the worker file is not plain JavaScript.
 */
export function createParser(size = Math.min(4, availableParallelism())): Parser {
  const workerFile = new URL('./worker.js', import.meta.url);
  if (size <= 0 || !import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(workerFile))) {
    return { parse: (input) => parseFeed(input), close: async () => {} };
  }
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(workerFile), jobs: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (msg: { id: number; result?: ParseResult; error?: string }) => {
      const job = slot.jobs.get(msg.id);
      slot.jobs.delete(msg.id);
      if (msg.error !== undefined) job?.reject(new Error(msg.error));
      else job?.resolve(msg.result!);
    });
    // A crashed worker fails only the jobs it held, and is replaced.
    const fail = (err: Error) => {
      for (const job of slot.jobs.values()) job.reject(err);
      slot.jobs.clear();
      const i = slots.indexOf(slot);
      if (i >= 0 && !closed) slots.splice(i, 1, start());
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => code !== 0 && fail(new Error(`parser worker exited with code ${code}`)));
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(start());

  return {
    parse(input) {
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const id = nextId++;
      return new Promise<ParseResult>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        // A copy we can transfer: the caller's Buffer may share its memory with Node's pool.
        const body = new Uint8Array(input.body);
        slot.worker.postMessage({ id, body, contentType: input.contentType ?? null, url: input.url ?? null, contentLanguage: input.contentLanguage ?? null }, [body.buffer]);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}
