/**
 * The `vigie` command line. Each subcommand is one file under ./commands exporting
 * `run(args: string[]): Promise<number>` (the exit code); modules load lazily so that
 * light commands (parse) start fast. stdout carries only a command's result; logs go to stderr.
 */
type Command = { describe: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  serve: { describe: 'run the HTTP server and the workers', load: () => import('./commands/serve.js') },
  worker: { describe: 'run the workers only (fetch, index sync, digests, radar)', load: () => import('./commands/worker.js') },
  parse: { describe: 'parse a feed file or URL and print the normalised result', load: () => import('./commands/parse.js') },
  fetch: { describe: 'fetch every enabled source (or --source SLUG) now', load: () => import('./commands/fetch.js') },
  reindex: { describe: 'rebuild the search index from SQLite (no downtime)', load: () => import('./commands/reindex.js') },
  migrate: { describe: 'apply database migrations', load: () => import('./commands/migrate.js') },
  backup: { describe: 'write a consistent copy of the database to FILE', load: () => import('./commands/backup.js') },
  restore: { describe: 'replace the database with the backup FILE', load: () => import('./commands/restore.js') },
  'import-opml': { describe: 'add the feeds of an OPML file as sources', load: () => import('./commands/import-opml.js') },
  'export-opml': { describe: 'print the sources as OPML', load: () => import('./commands/export-opml.js') },
  user: { describe: 'accounts: user add --email E --role R [--topic SLUG] [--password-stdin], user list, user reset', load: () => import('./commands/user.js') },
  'app-password': { describe: 'app-password create --email E [--name N] [--scope read|curate]: print a new app password for reader apps', load: () => import('./commands/app-password.js') },
  token: { describe: 'token create --email E [--scope read|curate]: print a new API token', load: () => import('./commands/token.js') },
  extract: { describe: 'extract the main content of an article page (extract FILE|URL [--url BASE] --json)', load: () => import('./commands/extract.js') },
  discover: { describe: 'find the feeds of a site (discover URL --json)', load: () => import('./commands/discover.js') },
  source: { describe: 'check a source: source test SLUG, source inbox SLUG, source reprocess SLUG', load: () => import('./commands/source.js') },
  digest: { describe: 'digests: digest subscribe --email E --topic SLUG, digest run [--now], digest preview --subscription ID', load: () => import('./commands/digest.js') },
  signals: { describe: 'signal radar (signals replay --input FILE.jsonl, signals run)', load: () => import('./commands/signals.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.describe}`);
  return `usage: vigie <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`vigie <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { readPackageVersion } = await import('../lib/paths.js');
    process.stdout.write(`${readPackageVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`vigie: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    const { reportFatal } = await import('./fatal.js');
    return reportFatal(name, err);
  }
}
