import { describe, expect, it } from 'vitest';
import { createSanitiser } from '../../src/text/sanitise.js';

const s = createSanitiser();
const BASE = 'https://news.example.org/2024/story.html';

// Hostile HTML as it arrives in feeds: nothing that can run may survive, the readable text must.
const hostile: Array<[string, string, string]> = [
  ['script element', 'safe<script>alert(1)</script> text', 'safe text'],
  ['script with CDATA', 'safe<script><![CDATA[alert(1)]]></script> text', 'safe text'],
  ['onerror handler', '<img src="/i.png" onerror="alert(1)">', ''],
  ['onclick handler', '<a href="/x" onclick="steal()">link</a>', 'link'],
  ['javascript: href', '<a href="javascript:alert(1)">click</a>', 'click'],
  ['javascript: with entities', '<a href="jav&#x09;ascript:alert(1)">click</a>', 'click'],
  ['JAVASCRIPT: upper case', '<a href="JAVASCRIPT:alert(1)">click</a>', 'click'],
  ['data: href', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 'x'],
  ['vbscript: href', '<a href="vbscript:msgbox(1)">x</a>', 'x'],
  ['iframe', 'safe <iframe src="https://evil.test/"></iframe>description', 'safe description'],
  ['self-closed iframe', 'safe<iframe src="https://evil.test/"/> description', 'safe description'],
  ['object/embed', 'safe <object data="x.swf"><embed src="x.swf"></object>description', 'safe description'],
  ['style element', 'safe <style>body{display:none}</style>description', 'safe description'],
  ['style attribute', '<p style="position:fixed;top:0">styled</p>', 'styled'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>ok', 'ok'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.test/">ok', 'ok'],
  ['base tag', '<base href="https://evil.test/">ok', 'ok'],
  ['form and input', '<form action="https://evil.test/"><input name="p"><button>go</button></form>', 'go'],
  ['entity-encoded script in option', '<select><option>&lt;script&gt;alert(1)&lt;/script&gt;</option></select>ok', 'ok'],
  ['unclosed tags', '<p>one<p>two <b>bold', 'one two bold'],
];

describe('sanitise: hostile HTML', () => {
  it.each(hostile)('%s', (_name, input, text) => {
    const out = s.sanitise(input, BASE);
    expect(out.text).toBe(text);
    expect(out.html).not.toMatch(/<script|<iframe|<object|<embed|<style|<form|<meta|<base|<svg/i);
    expect(out.html).not.toMatch(/\son\w+\s*=/i);
    expect(out.html).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(out.html).not.toMatch(/style=/i);
  });
});

describe('sanitise: what is kept', () => {
  it.each([
    ['relative link made absolute', '<a href="/relative/uri">click here</a>', '<a href="https://news.example.org/relative/uri">click here</a>'],
    ['relative image', '<img src="img/a.png" alt="A">', '<img src="https://news.example.org/2024/img/a.png" alt="A" />'],
    ['srcset', '<img src="a.png" srcset="a.png 1x, b.png 2x">', '<img src="https://news.example.org/2024/a.png" srcset="https://news.example.org/2024/a.png 1x, https://news.example.org/2024/b.png 2x" />'],
    ['formatting', '<p>Hello <b>bold</b> <em>em</em> <code>x&lt;y</code></p>', '<p>Hello <b>bold</b> <em>em</em> <code>x&lt;y</code></p>'],
    ['table', '<table><tr><td colspan="2">c</td></tr></table>', '<table><tr><td colspan="2">c</td></tr></table>'],
    ['mailto', '<a href="mailto:a@example.org">mail</a>', '<a href="mailto:a@example.org">mail</a>'],
  ])('%s', (_name, input, html) => {
    expect(s.sanitise(input, BASE).html).toBe(html);
  });

  it('keeps plain text untouched and folds its whitespace for the text', () => {
    expect(s.sanitise('  just\n text  ', BASE)).toEqual({ html: 'just\n text', text: 'just text' });
  });

  it('separates block elements in the text, decodes entities and folds NBSP', () => {
    expect(s.sanitise('<p>caf&eacute;</p><p>th&eacute;&nbsp;vert</p><ul><li>a</li><li>b</li></ul>', BASE).text).toBe('café thé vert a b');
  });
});

describe('toText', () => {
  it.each([
    ['Example <b>Atom</b>', 'Example Atom'],
    ['History of the &lt;blink&gt; tag', 'History of the <blink> tag'],
    ['AT&amp;T', 'AT&T'],
    ['safe<script>alert(1)</script> description', 'safe description'],
    ['plain title', 'plain title'],
  ])('%j → %j', (html, text) => {
    expect(s.toText(html)).toBe(text);
  });
});
