/**
 * Issue 17, finding 2: every regular expression in the source tree (src/, web/) is checked with recheck, a
 * maintained ReDoS checker. A pattern it finds vulnerable (exponential or polynomial backtracking) or cannot
 * decide must be rewritten, or listed below with why its input keeps it harmless. A listed pattern that changes
 * is checked again (the list is keyed by file and pattern, not by line).
 */
import { check } from 'recheck';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { regexesIn } from './regex-source.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `file` → pattern source → why it is safe where it is used. */
const ALLOWED: Record<string, Record<string, string>> = {
  'src/text/dates.ts': {
    [String.raw`^(?:[a-z\u00c0-\u024f]+\.?\s*,?\s*)?(\d{1,2})[\s-]+([a-z\u00c0-\u024f]{3,5})\.?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?m\.?)?)?\s*([a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}:?\d{2}|[+-]\d{1,2})?$`]:
      'RFC 822 dates: parseDateMs refuses input over 256 characters and folds whitespace to single spaces first (the attack needs a long whitespace run)',
    [String.raw`^(?:[a-z]+,?\s+)?([a-z]{3,5})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s+(\d{4}))?$`]:
      'month-first dates: same 256-character cap and whitespace folding as above',
  },
  'src/parse/decode.ts': {
    [String.raw`<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`]: 'applied to the first 1024 bytes of the body only (decodeBody)',
  },
  'src/parse/xml-map.ts': {
    [String.raw`^(\S+@\S+)\s*\((.+)\)$`]: 'personName returns author strings over 320 characters as they are before trying it',
    [String.raw`^(.+?)\s*[(<]\s*(\S+@[^)>\s]+)\s*[)>]$`]: 'same 320-character cap as above',
  },
  'src/search/managed.ts': {
    [String.raw`(\d+\.\d+\.\d+)`]: 'the version printed by the local Meilisearch binary we start (trusted, a few bytes)',
  },
  'src/sources/newsletter/strip-links.ts': {
    [String.raw`(^|\.)list-manage\.com\/track\/|\/ls\/click\?|mandrillapp\.com\/track\/|sendgrid\.net\/|ct\.sendgrid|\/track\/click|\/tracking\/click|clicks?\.[^/]+\/|(^|\.)links?\.[^/]+\/(c|s|ls|e|u)\/|email\.[^/]+\/c\/|\/tr\/cl\/|mjt\.lu\/lnk|klclick\.com|hubspotlinks\.com|hs-sites|cmail\d*\.com\/t\/|createsend\d*\.com\/t\/|r\.[^/]+\/mk\/cl\/|trk\.|\/wf\/click\?|\/CL0\/|sendibt\d*\.com|\.ct\.|elink\.|\/redirect\?|\/r\/\?|awstrack\.me|\/e\/c\/[A-Za-z0-9_=-]{24,}`]:
      'isTracker tests only the first 512 characters of a link (host and path start, where the markers are): about a millisecond at worst',
  },
};

const allowed = (file: string, source: string) => ALLOWED[file]?.[source];

describe('regular expressions in the source tree (ReDoS audit with recheck)', () => {
  const { found, dynamic } = regexesIn(ROOT, ['src', 'web']);

  it('finds the regexes (literals and RegExp calls) and none is built from a non-literal pattern', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(dynamic).toEqual([]);
  });

  it('every regex is safe for recheck, or listed with the reason its input keeps it harmless', { timeout: 240_000 }, async () => {
    // One at a time: recheck runs its checks in one helper process, and a loaded machine must not turn into timeouts.
    const limit = pLimit(1);
    const problems = (
      await Promise.all(
        found.map((r) =>
          limit(async () => {
            if (allowed(r.where.replace(/:\d+$/, ''), r.source)) return null;
            const res = await check(r.source, r.flags, { timeout: 60_000, randomSeed: 42 });
            if (res.status === 'safe') return null;
            const why = res.status === 'vulnerable' ? `${res.complexity.summary}, attack ${res.attack.pattern.slice(0, 80)}` : `undecided (${res.error.kind})`;
            return `${r.where} /${r.source}/${r.flags}: ${why}`;
          }),
        ),
      )
    ).filter((p): p is string => p !== null);
    expect(problems).toEqual([]);
  });

  it('lists no pattern that is no longer in the tree', () => {
    const present = new Set(found.map((r) => `${r.where.replace(/:\d+$/, '')}\n${r.source}`));
    const stale = Object.entries(ALLOWED).flatMap(([file, list]) => Object.keys(list).filter((s) => !present.has(`${file}\n${s}`)).map((s) => `${file}: /${s}/`));
    expect(stale).toEqual([]);
  });
});
