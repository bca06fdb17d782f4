/** The document's own URL, the base for its relative links: Content-Location when it is an http(s) URL, else the final URL. */
export function documentUrl(res: { contentLocation: string | null; finalUrl: string }): string {
  return res.contentLocation && /^https?:/i.test(res.contentLocation) ? res.contentLocation : res.finalUrl;
}
