import type { TestProject } from 'vitest/node';
import { startTestMeili } from './meili.js';

/** Runs once per test run: starts the shared real services (Meilisearch) and hands their addresses to tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const meili = await startTestMeili();
  project.provide('meili', meili.meili);
  return async () => {
    await meili.stop();
  };
}
