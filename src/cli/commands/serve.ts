import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { startWorkers } from '../../../workers/index.js';
import { createApp } from '../../http/app.js';
import { startSearchEngine } from '../../search/engine.js';
import { processOwner } from '../../search/owner.js';
import { openContext } from '../context.js';
import { onShutdown } from '../shutdown.js';

const HELP = `usage: vigie serve [--no-workers]

Runs the HTTP server (HOST:PORT, default 127.0.0.1:8080) and, unless --no-workers or VIGIE_WORKERS=false,
the workers (fetch schedule) in the same process.
`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'no-workers': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write(HELP), 0;
  const deps = await openContext();
  const engine = await startSearchEngine(deps, processOwner('serve'));
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, hostname: deps.config.host, port: deps.config.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (err: NodeJS.ErrnoException) => {
    await engine.stop();
    await deps.close();
    throw new Error(err.code === 'EADDRINUSE' ? `port ${deps.config.port} on ${deps.config.host} is already in use (set PORT)` : err.message);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  deps.log.info({ url: `http://${deps.config.host}:${port}`, publicUrl: deps.config.publicUrl }, 'vigie is listening');
  const stopWorkers = values['no-workers'] || !deps.config.env.VIGIE_WORKERS ? async () => {} : startWorkers(deps);
  return onShutdown(deps.log, async () => {
    // Stop accepting, let requests in flight finish, and drop idle keep-alive connections so close() returns.
    const closed = new Promise<void>((r) => server.close(() => r()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    await closed;
    await stopWorkers();
    await engine.stop();
    await deps.close();
  });
}
