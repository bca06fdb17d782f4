/**
 * Reads a response body with a byte cap applied to the DECOMPRESSED output, decoding gzip / deflate / br as it
 * streams, so a 10 KB gzip bomb stops at the cap instead of inflating to gigabytes in memory.
 */
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, constants } from 'node:zlib';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type ReadBodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; kind: 'too_large'; bytes: number }
  | { ok: false; kind: 'decompression'; message: string }
  | { ok: false; kind: 'stream'; error: unknown };

/** Parses Content-Encoding into the decoders to apply, in order; null when one is not supported. */
export function decodersFor(contentEncoding: string | null): string[] | null {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  // Encodings are listed in the order applied, so they are undone in reverse.
  codings.reverse();
  for (const c of codings) if (c !== 'gzip' && c !== 'x-gzip' && c !== 'deflate' && c !== 'br') return null;
  return codings;
}

// Lenient flushes: truncated-but-valid prefixes (servers cut off mid-stream) still yield what was decoded.
const zlibOpts = { finishFlush: constants.Z_SYNC_FLUSH };

function makeDecoder(coding: string, firstByte: number): Transform {
  if (coding === 'br') return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
  if (coding === 'deflate') {
    // "deflate" should be zlib-wrapped, but some servers send raw deflate; a zlib header has CM=8 in the low nibble.
    return (firstByte & 0x0f) === 8 ? createInflate(zlibOpts) : createInflateRaw(zlibOpts);
  }
  return createGunzip(zlibOpts);
}

class TooLarge extends Error {
  constructor(readonly bytes: number) {
    super('too large');
  }
}

/**
 * Collects `source` (the raw body) through `codings`, stopping with `too_large` as soon as either the wire bytes
 * or the decoded bytes pass `maxBytes`. `onStop` is called to abort the underlying request when reading stops early.
 */
export async function readBody(
  source: AsyncIterable<Buffer>,
  codings: string[],
  maxBytes: number,
  onStop: () => void,
): Promise<ReadBodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (codings.length === 0) {
    // Hot path (most feeds): no stream plumbing, just a capped collect.
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) {
          onStop();
          return { ok: false, kind: 'too_large', bytes: size };
        }
        chunks.push(chunk);
      }
    } catch (error) {
      return { ok: false, kind: 'stream', error };
    }
    return { ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) };
  }

  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await iterator.next();
  } catch (error) {
    return { ok: false, kind: 'stream', error };
  }
  if (first.done) return { ok: true, body: Buffer.alloc(0) }; // an empty compressed body is an empty body
  let decoderError: Error | null = null;
  const decoders = codings.map((c, i) => {
    const d = makeDecoder(c, i === 0 ? (first.value[0] ?? 0) : 0x78);
    d.once('error', (err) => (decoderError ??= err));
    return d;
  });
  let wire = 0;
  let sourceError: unknown = null;
  async function* wireBytes(): AsyncGenerator<Buffer> {
    let next = first;
    while (!next.done) {
      wire += next.value.length;
      if (wire > maxBytes) throw new TooLarge(wire);
      yield next.value;
      try {
        next = await iterator.next();
      } catch (error) {
        sourceError = error; // the connection failed or was aborted: not the decoder's fault
        throw error;
      }
    }
  }
  const flowing = pipeline([Readable.from(wireBytes(), { objectMode: false }), ...decoders]);
  flowing.catch(() => {}); // its failure is seen through the loop below; this only silences the duplicate
  try {
    for await (const chunk of decoders[decoders.length - 1]! as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new TooLarge(size);
      chunks.push(chunk);
    }
    await flowing;
  } catch (error) {
    onStop();
    await iterator.return?.();
    if (error instanceof TooLarge) return { ok: false, kind: 'too_large', bytes: error.bytes };
    if (wire > maxBytes) return { ok: false, kind: 'too_large', bytes: wire };
    if (sourceError) return { ok: false, kind: 'stream', error: sourceError };
    if (decoderError) return { ok: false, kind: 'decompression', message: (decoderError as Error).message };
    return { ok: false, kind: 'stream', error };
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}
