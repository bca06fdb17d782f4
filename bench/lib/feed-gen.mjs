// Deterministic generated feeds with realistic item sizes (about 2 KB of HTML per item).
const WORDS = ('santé eau assainissement choléra réfugiés déplacés financement crise sécheresse inondation vaccination ' +
  'nutrition protection accès humanitaire coordination partenaires formation terrain logistique urgence résilience ' +
  'health water sanitation refugees displaced funding drought flood vaccination nutrition access coordination ' +
  'partners training field logistics emergency resilience report survey district region community').split(' ');

const SYLLABLES = 'ba ce di fo gu la me ni po ru sa te vi zo an er in on ur tra pre cli dro spa vel mor gen tur'.split(' ');

export function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// A realistic vocabulary: the field's words plus ~6,000 others, drawn with a Zipf-like skew.
const VOCAB = (() => {
  const r = rng(42);
  const extra = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join(''));
  return [...WORDS, ...extra];
})();

function sentence(r, n) {
  const w = Array.from({ length: n }, () => VOCAB[Math.floor(r() ** 2.5 * VOCAB.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return `${w.join(' ')}.`;
}

/** ~2 KB of HTML: paragraphs, a link, a list, an image, an inline script to sanitise. */
export function itemHtml(r) {
  const paras = Array.from({ length: 5 }, () => `<p>${sentence(r, 22)} <a href="/article/${Math.floor(r() * 1e6)}?utm_source=rss">${sentence(r, 3)}</a> ${sentence(r, 12)}</p>`);
  return `${paras.join('\n')}<ul><li>${sentence(r, 6)}</li><li>${sentence(r, 6)}</li></ul><img src="/img/${Math.floor(r() * 1e6)}.jpg" alt="photo" onerror="x()"><script>track()</script>`;
}

export function rssFeed(feedIndex, itemCount, { seed = 1, version = 0 } = {}) {
  const r = rng(seed * 100_003 + feedIndex);
  const items = Array.from({ length: itemCount }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 20, 12) - (i + feedIndex) * 3_600_000).toUTCString();
    const html = itemHtml(r);
    // Real feeds carry HTML both ways: in CDATA sections and entity-escaped.
    const description = i % 2 ? `<![CDATA[${html}]]>` : html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<item><title>${sentence(r, 9)}${version ? ` (v${version})` : ''}</title><link>https://site${feedIndex}.example.org/post/${i}?utm_medium=feed</link><guid isPermaLink="false">f${feedIndex}-i${i}</guid><pubDate>${date}</pubDate><category>${WORDS[i % WORDS.length]}</category><description>${description}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed ${feedIndex}</title><link>https://site${feedIndex}.example.org/</link><description>Generated feed ${feedIndex}</description><language>fr</language>\n${items.join('\n')}\n</channel></rss>\n`;
}
