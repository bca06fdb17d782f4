import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/text/dates.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');

interface DateExpectation {
  itemTitle: string;
  pubDate: string;
  acceptableIso: string[];
}
// The feedvalidator RFC 822 torture test: each item's own description says which instant it means.
const torture = readFileSync(join(FIXTURES, 'feedvalidator/date-expectations.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as DateExpectation);

const iso = (s: string): string => new Date(s).toISOString();

describe('parseDate', () => {
  it.each(torture.map((t) => [t.itemTitle, t.pubDate, t.acceptableIso] as const))('%s: %j', (_title, raw, acceptable) => {
    const got = parseDate(raw);
    expect(got).not.toBeNull();
    expect(acceptable.map(iso)).toContain(got);
  });

  it.each([
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31T10:14:55.123+01:00', '2003-12-31T09:14:55.123Z'],
    ['2003-12-31T10:14:55-0500', '2003-12-31T15:14:55.000Z'],
    ['2003-12-31T10:14Z', '2003-12-31T10:14:00.000Z'],
    ['2003-12-31 10:14:55', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31', '2003-12-31T00:00:00.000Z'],
    ['2003-12', '2003-12-01T00:00:00.000Z'],
    ['2003', '2003-01-01T00:00:00.000Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['Wed, 31 Dec 2003 10:14:55 GMT', '2003-12-31T10:14:55.000Z'],
    ['Wed, 31 Dec 2003 10:14:55 EST', '2003-12-31T15:14:55.000Z'],
    ['31 Dec 03 10:14 +0100', '2003-12-31T09:14:00.000Z'],
    ['Wed Dec 31 10:14:55 UTC 2003', '2003-12-31T10:14:55.000Z'],
    ['Dec 31, 2003 10:14:55 GMT', '2003-12-31T10:14:55.000Z'],
    ['mer., 31 déc. 2003 10:14:55 +0100', '2003-12-31T09:14:55.000Z'],
    ['  Wed, 31 Dec 2003 10:14:55 +0000  ', '2003-12-31T10:14:55.000Z'],
  ])('%j → %s', (raw, want) => {
    expect(parseDate(raw)).toBe(want);
  });

  it.each(['', '   ', 'yesterday', 'not a date', '5', 'Wed, 45 Foo 2003 99:99:99', null, undefined])('%j is no date', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });
});
