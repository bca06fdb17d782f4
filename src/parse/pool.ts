import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseFingerprinted } from './fingerprinted.js';
import type { ParseResult } from './index.js';

type ParseInput = { body: Buffer; contentType?: string | null; url?: string | null; contentLanguage?: string | null };

export interface Parser {
  parse(input: ParseInput): Promise<ParseResult>;
  close(): Promise<void>;
}

/**
 * A parse worker's heap: a small young generation (V8's default grows it to tens of MB per thread, which the
 * fetching process pays in resident memory for every worker) and an old generation large enough for the biggest
 * feed we accept (FETCH_MAX_BYTES, 10 MB by default, parsed and sanitised). A worker that still runs out fails
 * its jobs and is replaced (see `fail`).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 };

export interface ParserOptions {
  /** Worker threads (default: one per core, at most 4); 0 parses in-process. */
  size?: number;
  /** Time budget of one parse job in a worker (ms); past it the worker is ended and replaced. */
  timeoutMs?: number;
  /** The worker entry (default: ./worker.js beside this file); tests hand their own. */
  workerFile?: URL;
}

export const DEFAULT_PARSE_TIMEOUT_MS = 30_000;

type Job = { id: number; input: ParseInput; resolve: (r: ParseResult) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null; retired: boolean };

const seconds = (ms: number) => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1));

/** The failure a source records when its document takes too long to parse. */
export function parseTimeout(timeoutMs: number): ParseResult {
  return { ok: false, kind: 'timeout', detail: `parsing took longer than ${seconds(timeoutMs)} s` };
}

/**
 * Parsing and sanitising are the CPU-heavy part of ingestion: feeds are parsed in worker threads (one per core by
 * default) while the main thread fetches and stores. Each worker takes one job at a time from a queue, under a
 * time budget: a worker still busy when it runs out is terminated and replaced, its job answers
 * "parsing took longer than N s", and the queue goes on with a fresh worker. A crashed worker fails only its job.
 * Falls back to in-process parsing (no budget: nothing can interrupt it) when workers are off (size 0) or when
 * running from TypeScript sources (tests), where the worker file is not plain JavaScript.
 */
export function createParser(options: ParserOptions | number = {}): Parser {
  const o = typeof options === 'number' ? { size: options } : options;
  const size = o.size ?? Math.min(4, availableParallelism());
  const timeoutMs = o.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const workerFile = o.workerFile ?? new URL('./worker.js', import.meta.url);
  if (size <= 0 || !workerFile.href.endsWith('js') || !existsSync(fileURLToPath(workerFile))) {
    return { parse: (input) => parseFingerprinted(input), close: async () => {} };
  }
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  const finish = (slot: Slot): Job | null => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    return job;
  };

  // Ends a slot's worker (timed out or crashed) and puts a fresh one in its place.
  const replace = (slot: Slot): void => {
    if (slot.retired) return;
    slot.retired = true;
    void slot.worker.terminate();
    const i = slots.indexOf(slot);
    if (i >= 0 && !closed) {
      slots.splice(i, 1, start());
      pump();
    }
  };

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(workerFile, { resourceLimits: WORKER_LIMITS }), job: null, timer: null, retired: false };
    slot.worker.unref();
    slot.worker.on('message', (msg: { id: number; result?: ParseResult; error?: string }) => {
      if (slot.job?.id !== msg.id) return;
      const job = finish(slot)!;
      if (msg.error !== undefined) job.reject(new Error(msg.error));
      else job.resolve(msg.result!);
      pump();
    });
    const fail = (err: Error) => {
      if (slot.retired) return;
      finish(slot)?.reject(err);
      replace(slot);
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`parser worker exited with code ${code}`)));
    return slot;
  };

  const run = (slot: Slot, job: Job): void => {
    slot.job = job;
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      finish(slot);
      job.resolve(parseTimeout(timeoutMs));
      replace(slot);
    }, timeoutMs);
    slot.timer.unref();
    // A copy we can transfer: the caller's Buffer may share its memory with Node's pool.
    const body = new Uint8Array(job.input.body);
    slot.worker.postMessage({ id: job.id, body, contentType: job.input.contentType ?? null, url: job.input.url ?? null, contentLanguage: job.input.contentLanguage ?? null }, [body.buffer]);
  };

  function pump(): void {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.job && !slot.retired) run(slot, queue.shift()!);
    }
  }

  for (let i = 0; i < size; i++) slots.push(start());

  return {
    parse(input) {
      if (closed) return Promise.reject(new Error('the parser is closed'));
      return new Promise<ParseResult>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const err = new Error('the parser is closed');
      for (const job of queue.splice(0)) job.reject(err);
      for (const slot of slots) {
        slot.retired = true;
        finish(slot)?.reject(err);
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}
