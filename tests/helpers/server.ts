/** The real HTTP server on 127.0.0.1 (a free port) over a test installation, for browser and HTTP-level tests. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/http/app.js';
import type { Deps } from '../../src/deps.js';

export async function startAppServer(deps: Deps): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
