import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/lib/csv.js';

describe('csvCell (finding 8: CSV formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text and our own numbers alone, quoting per RFC 4180', () => {
    expect(csvLine(['Santé', 'a,b', 'say "hi"', 3, -1, null])).toBe('Santé,"a,b","say ""hi""",3,-1,');
    expect(csvCell('mid=dle')).toBe('mid=dle');
  });
});
