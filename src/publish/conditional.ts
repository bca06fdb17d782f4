/** Conditional GET (RFC 9110 §13): If-None-Match wins over If-Modified-Since. */

const stripWeak = (tag: string) => tag.trim().replace(/^W\//, '');

export function isNotModified(headers: { ifNoneMatch?: string | undefined; ifModifiedSince?: string | undefined }, etag: string, lastModified: number): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const wanted = stripWeak(etag);
    return headers.ifNoneMatch.split(',').some((t) => t.trim() === '*' || stripWeak(t) === wanted);
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return Number.isFinite(since) && Math.floor(lastModified / 1000) * 1000 <= since;
  }
  return false;
}

/** HTTP-date (IMF-fixdate). */
export const httpDate = (ms: number) => new Date(ms).toUTCString();
