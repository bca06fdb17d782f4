import { withFingerprints } from '../text/fingerprint.js';
import { parseFeed, type ParseInput, type ParseResult } from './index.js';

/** What the parse pool hands the pipeline: a parsed feed whose items carry their SimHash (computed off the store). */
export async function parseFingerprinted(input: ParseInput): Promise<ParseResult> {
  const result = await parseFeed(input);
  return result.ok ? { ...result, feed: withFingerprints(result.feed) } : result;
}
