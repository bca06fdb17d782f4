#!/usr/bin/env node
// The `vigie` command: plain Node over the transpiled dist/ (built by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('vigie: dist/ is missing; run `npm ci` (or `npm run build`) in the checkout first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
