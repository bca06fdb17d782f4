/**
 * A network for reader-app tests, built like a real one: feeds served on 127.0.0.1, fetched by `vigie fetch`, then
 * the real HTTP server. Topics: `open` (public, 700 items), `closed` (members only, 600 items), `other` (members
 * only, 5 items). The reader is a member of `closed`; a stranger belongs to `other`.
 */
import type { Deps } from '../../src/deps.js';
import { addTestUser, call, type TestUser } from '../helpers/accounts.js';
import { vigie } from '../helpers/cli.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { startAppServer } from '../helpers/server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';
import { createApp } from '../../src/http/app.js';

function rss(name: string, count: number, html = (n: number) => `<p>Body ${n} of ${name} with <a href="/rel/${n}">a relative link</a>.</p>`): string {
  const items: string[] = [];
  for (let n = 0; n < count; n++) {
    items.push(
      `<item><title>${name} item ${n}</title><link>https://${name}.example/${n}</link><guid>https://${name}.example/${n}</guid>` +
        `<pubDate>${new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString()}</pubDate><description><![CDATA[${html(n)}]]></description></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link><description>d</description>${items.join('')}</channel></rss>`;
}

export interface ReaderNetwork {
  url: string;
  /** The environment a spawned `vigie` command of this installation gets. */
  env: Record<string, string>;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  reader: TestUser;
  stranger: TestUser;
  /** A fresh app password for a user, through the API as the web creates it. */
  appPassword(u: TestUser, scope?: 'read' | 'curate'): Promise<string>;
  close(): Promise<void>;
}

export async function makeReaderNetwork(): Promise<ReaderNetwork> {
  const feeds: FeedServer = await startFeedServer({
    files: {
      '/open.xml': rss('open', 700),
      '/closed.xml': rss('closed', 600, (n) => `<p>Internal ${n} <script>alert(1)</script><img src=x onerror="alert(2)"></p>`),
      '/other.xml': rss('other', 5),
    },
  });
  const yaml = `topics:
  - { slug: open, name: Open topic }
  - { slug: closed, name: Closed topic, public: false }
  - { slug: other, name: Other topic, public: false }
sources:
  - { slug: open, kind: feed, url: "${feeds.url}/open.xml", topic: open, name: Open source }
  - { slug: closed, kind: feed, url: "${feeds.url}/closed.xml?key=SecretKey123", topic: closed, name: Closed source }
  - { slug: other, kind: feed, url: "${feeds.url}/other.xml", topic: other, name: Other source }
`;
  const install: TestInstall = makeTestInstall(yaml, { PUBLIC_URL: 'https://vigie.test' });
  const fetched = await vigie(['fetch'], install.env);
  if (fetched.code !== 0) throw new Error(fetched.stderr);
  const deps = makeTestDeps(install);
  const server = await startAppServer(deps);
  const app = createApp(deps);
  const reader = await addTestUser(deps.sqlite, { email: 'Reader@Example.org', displayName: 'Rita Reader', topics: { closed: 'member' } });
  const stranger = await addTestUser(deps.sqlite, { email: 'stranger@example.org', topics: { other: 'member' } });
  return {
    url: server.url,
    env: install.env,
    deps,
    app,
    reader,
    stranger,
    async appPassword(u, scope = 'read') {
      const r = await call(app, 'POST', '/api/v1/app-passwords', { as: u, body: { name: 'phone', scope } });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body.password as string;
    },
    async close() {
      await server.close();
      await deps.close();
      install.cleanup();
      await feeds.close();
    },
  };
}
