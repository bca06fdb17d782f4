import { startWorkers } from '../../../workers/index.js';
import { startSearchEngine } from '../../search/engine.js';
import { processOwner } from '../../search/owner.js';
import { openContext } from '../context.js';
import { onShutdown } from '../shutdown.js';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write('usage: vigie worker\n\nRuns the workers only (fetch schedule, and later index sync, digests, radar). Several may run at once: work is claimed by lease.\n');
    return 0;
  }
  const deps = await openContext();
  const engine = await startSearchEngine(deps, processOwner('worker'));
  const stop = startWorkers(deps);
  return onShutdown(deps.log, async () => {
    await stop();
    await engine.stop();
    await deps.close();
  });
}
