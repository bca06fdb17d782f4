/** Runs once per test run. Later issues start shared real services here (Meilisearch). */
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
