/**
 * Is this body an HTML page rather than a feed? Skips what may come before the root element — an XML
 * declaration, comments, one doctype, whitespace — with a linear scan (the regex it replaces backtracked
 * exponentially on runs of comments: issue 17), then looks for `<html`, `<head` or `<body`.
 */
const ROOT = /^<(?:html|head|body)[\s>]/i;
const SPACE = /\s/;

function skipSpace(text: string, i: number): number {
  while (i < text.length && SPACE.test(text[i]!)) i++;
  return i;
}

function startsWithAt(text: string, i: number, prefix: string): boolean {
  return text.slice(i, i + prefix.length).toLowerCase() === prefix;
}

export function looksLikeHtmlPage(text: string): boolean {
  let i = skipSpace(text, 0);
  if (startsWithAt(text, i, '<?xml')) {
    const end = text.indexOf('>', i);
    if (end < 0) return false;
    i = skipSpace(text, end + 1);
  }
  let doctype = false;
  for (;;) {
    if (startsWithAt(text, i, '<!--')) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = skipSpace(text, end + 3);
    } else if (!doctype && startsWithAt(text, i, '<!doctype')) {
      const end = text.indexOf('>', i);
      if (end < 0) return false;
      doctype = true;
      i = skipSpace(text, end + 1);
    } else {
      return ROOT.test(text.slice(i, i + 6));
    }
  }
}
