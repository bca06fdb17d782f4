import { describe, expect, it } from 'vitest';
import { parseFeedsYaml } from '../../src/config/feeds.js';
import { readEnv } from '../../src/config/env.js';
import { ConfigError } from '../../src/config/errors.js';

function problemsOf(yaml: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseFeedsYaml(yaml, 'feeds.yaml', env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('feeds.yaml', () => {
  it('reads the documented example with defaults applied', () => {
    const cfg = parseFeedsYaml(
      `topics:\n  - { slug: sante, name: Santé publique }\nsources:\n  - { slug: who-news, kind: feed, url: "https://example.org/feed.xml", topic: sante }\n`,
      'feeds.yaml',
      {},
    );
    expect(cfg.topics).toEqual([{ slug: 'sante', name: 'Santé publique', public: true }]);
    expect(cfg.sources[0]).toMatchObject({ slug: 'who-news', kind: 'feed', url: 'https://example.org/feed.xml', topics: ['sante'], enabled: true, tags: [] });
  });

  it('ships a valid starter watch', async () => {
    const { readFileSync } = await import('node:fs');
    const cfg = parseFeedsYaml(readFileSync('feeds.yaml', 'utf8'), 'feeds.yaml', {});
    expect(cfg.sources.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cfg.sources.map((s) => s.lang))).toEqual(new Set(['fr', 'en']));
  });

  it('names file, line and field of a wrong value', () => {
    const msg = problemsOf(`topics:\n  - { slug: sante, name: Santé }\nsources:\n  - slug: who\n    kind: feed\n    url: not-a-url\n    topic: sante\n`);
    expect(msg).toMatch(/feeds\.yaml:6:\d+: sources\[0\] \(who\)\.url: expected an absolute http\(s\) URL/);
  });

  it('reports an unknown topic, a missing field and an unknown field all at once', () => {
    const msg = problemsOf(
      `topics: []\nsources:\n  - { slug: a, kind: feed, url: "https://a.example/f", topic: nope }\n  - { slug: b, kind: feed }\n  - { slug: c, kind: feed, url: "https://c.example/f", colour: blue }\n`,
    );
    expect(msg).toMatch(/feeds\.yaml:3:\d+: .*unknown topic 'nope'/);
    expect(msg).toMatch(/feeds\.yaml:4:\d+: sources\[1\] \(b\)\.url/);
    expect(msg).toMatch(/feeds\.yaml:5:\d+: .*colour/);
  });

  it('rejects unknown kinds and incomplete declarations of known ones with a clear message', () => {
    expect(problemsOf(`sources:\n  - { slug: m, kind: mastodon, handle: "@x" }\n`)).toMatch(/sources\[0\] \(m\)\.instance/);
    expect(problemsOf(`sources:\n  - { slug: m, kind: gopher }\n`)).toMatch(/unknown kind "gopher"/);
  });

  it('points at YAML syntax errors', () => {
    expect(problemsOf(`sources:\n  - { slug: a, kind: feed\n`)).toMatch(/feeds\.yaml:\d+:\d+/);
  });

  it('interpolates ${ENV_VAR} and refuses an unset one', () => {
    const cfg = parseFeedsYaml(`sources:\n  - { slug: a, kind: feed, url: "https://x.example/f?key=\${KEY}" }\n`, 'feeds.yaml', { KEY: 's3cret' });
    expect(cfg.sources[0]).toMatchObject({ url: 'https://x.example/f?key=s3cret' });
    expect(problemsOf(`sources:\n  - { slug: a, kind: feed, url: "https://x.example/\${MISSING}" }\n`)).toMatch(/feeds\.yaml:2:\d+: environment variable MISSING is not set/);
  });

  it('parses intervals and refuses silly ones', () => {
    const cfg = parseFeedsYaml(`sources:\n  - { slug: a, kind: feed, url: "https://x.example/f", interval: 2h }\n`, 'f', {});
    expect(cfg.sources[0]).toMatchObject({ interval: 7_200_000 });
    expect(problemsOf(`sources:\n  - { slug: a, kind: feed, url: "https://x.example/f", interval: 5s }\n`)).toMatch(/interval/);
  });

  it('refuses duplicate slugs', () => {
    expect(problemsOf(`sources:\n  - { slug: a, kind: feed, url: "https://x.example/1" }\n  - { slug: a, kind: feed, url: "https://x.example/2" }\n`)).toMatch(/duplicate source 'a'/);
  });
});

describe('environment', () => {
  it('has the documented defaults', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', VIGIE_DATA_DIR: './data', FEEDS_FILE: './feeds.yaml', VIGIE_PUBLIC_READ: true });
  });
  it.each([['yes', true], ['0', false], ['FALSE', false], ['1', true], ['no', false]])('VIGIE_PUBLIC_READ=%s → %s', (v, expected) => {
    expect(readEnv({ VIGIE_PUBLIC_READ: v }).VIGIE_PUBLIC_READ).toBe(expected);
  });
  it('lists every invalid variable', () => {
    expect(() => readEnv({ PORT: 'http', VIGIE_PUBLIC_READ: 'maybe' })).toThrow(/PORT: expected a whole number[\s\S]*VIGIE_PUBLIC_READ: expected true\/false/);
  });
});
