#!/usr/bin/env node
// Transpiles src/, workers/ and web/ TypeScript into dist/ (one output file per input, ESM),
// so the `vigie` bin is plain Node and starts fast. Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : walk(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
const entryPoints = ['src', 'workers', 'web'].flatMap((d) => walk(join(root, d)));
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'linked',
  logLevel: 'warning',
});
if (!process.env.CI_QUIET) console.error(`vigie: built ${entryPoints.length} files into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}/`);
