/** Worker-thread entry: parses feeds sent by the pool (src/parse/pool.ts) off the main thread. */
import { parentPort } from 'node:worker_threads';
import { parseFeed } from './index.js';

type Job = { id: number; body: Uint8Array; contentType: string | null; url: string | null; contentLanguage: string | null };

parentPort!.on('message', async (job: Job) => {
  try {
    const result = await parseFeed({ body: Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength), contentType: job.contentType, url: job.url, contentLanguage: job.contentLanguage });
    parentPort!.postMessage({ id: job.id, result });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: (err as Error).message });
  }
});
