/**
 * Issue 17, finding 2 (ReDoS): small bodies that made the feed sniffing and repair regexes backtrack for minutes.
 * `vigie parse` (the real command) must finish on each with a readable answer; the child is killed after 30 s,
 * so a regression shows up as a failed test, never as a hung suite.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vigie } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmpdir.js';

const tmp = makeTempDir('vigie-redos-');
afterAll(() => tmp.cleanup());

const PAYLOADS: [string, string][] = [
  ["the issue's 273 bytes of comments (HTML sniffing)", '<!--a-->'.repeat(34) + 'x'],
  ['comments split both ways around a doctype (HTML sniffing)', '<!--' + '--><!--B'.repeat(40)],
  ['a DOCTYPE with many internal subsets and no end (repair)', '<?xml version="1.0"?><rss><!DOCTYPE rss' + '[][]'.repeat(40)],
  ['two megabytes of unclosed CDATA openers (repair)', '<rss><channel><title>t</title>' + '-><![CDATA['.repeat(200_000) + '->'],
  ['two megabytes of unclosed comments (repair)', '<rss><channel><title>t</title>&' + '<!--'.repeat(500_000)],
];

describe('vigie parse on regex-hostile bodies', () => {
  it.each(PAYLOADS)('finishes on %s with a clear answer', async (name, body) => {
    const file = join(tmp.dir, `${name.replace(/\W+/g, '-')}.xml`);
    writeFileSync(file, body);
    const r = await vigie(['parse', file, '--json'], {}, undefined, 30_000);
    // Killed at 30 s → code null: the parse did not finish.
    expect(r.code, r.stderr).not.toBeNull();
    if (r.code === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
    else expect(r.stderr).toMatch(/error.*(not a feed|malformed|empty)/i);
  });
});
