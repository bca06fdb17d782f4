/**
 * Worker-thread entry: parses feeds sent by the pool (src/parse/pool.ts) off the main thread. Decoding, parsing,
 * normalising, sanitising and the items' SimHash fingerprints all happen here; the main thread only stores.
 */
import { parentPort } from 'node:worker_threads';
import { parseFingerprinted } from './fingerprinted.js';

type Job = { id: number; body: Uint8Array; contentType: string | null; url: string | null; contentLanguage: string | null };

parentPort!.on('message', async (job: Job) => {
  try {
    const result = await parseFingerprinted({ body: Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength), contentType: job.contentType, url: job.url, contentLanguage: job.contentLanguage });
    parentPort!.postMessage({ id: job.id, result });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: (err as Error).message });
  }
});
