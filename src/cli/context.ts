import { loadConfig, type Config } from '../config/index.js';
import { makeDeps, type Deps } from '../deps.js';

/** Commands that touch the data: configuration loaded, migrations applied, feeds.yaml synced. */
export async function openContext(config: Config = loadConfig()): Promise<Deps> {
  return makeDeps(config);
}
