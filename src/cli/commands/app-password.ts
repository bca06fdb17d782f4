import { parseArgs } from 'node:util';
import { createAppPassword, type AppPasswordScope } from '../../accounts/app-passwords.js';
import { findUserByEmail } from '../../accounts/users.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

const HELP = `usage: vigie app-password create --email E [--name NAME] [--scope read|curate]

Creates an app password for a reader app (Google Reader API at /api/greader, Fever at /api/fever) and prints it
once, alone on the last line of stdout (only its hashes are kept). Sign in to the app with the account's e-mail
and this password, never the login password. read: the account's read state and stars; curate: also tags and,
for curators, subscriptions.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, scope: { type: 'string', default: 'read' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(HELP), 0;
  if (positionals[0] !== 'create' || positionals.length > 1) throw new UsageError(`expected: app-password create\n\n${HELP}`);
  if (!values.email) throw new UsageError('--email is required');
  const scope = values.scope as AppPasswordScope;
  if (scope !== 'read' && scope !== 'curate') throw new UsageError('--scope must be read or curate');
  const deps = await openContext();
  try {
    const user = findUserByEmail(deps.sqlite, values.email);
    if (!user) throw new UsageError(`no account for ${values.email}`);
    const now = deps.clock.now();
    const made = createAppPassword(deps.sqlite, user, { name: values.name ?? `app ${new Date(now).toISOString().slice(0, 10)}`, scope }, now);
    process.stdout.write(`app password "${made.appPassword.name}" for ${user.email} (scope ${scope}); it is shown only once:\n${made.password}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
