import { parseArgs } from 'node:util';
import { createApiToken, type TokenScope } from '../../accounts/tokens.js';
import { findUserByEmail } from '../../accounts/users.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

const HELP = `usage: vigie token create --email E [--scope read|curate] [--name NAME] [--days N]

Creates an API token for the account and prints it once, alone on the last line of stdout (only its hash is
kept). Use it as "Authorization: Bearer <token>". read: GET only; curate: tag, flag, annotate, approve as the
account's roles allow.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, scope: { type: 'string', default: 'read' }, name: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(HELP), 0;
  if (positionals[0] !== 'create' || positionals.length > 1) throw new UsageError(`expected: token create\n\n${HELP}`);
  if (!values.email) throw new UsageError('--email is required');
  const scope = values.scope as TokenScope;
  if (scope !== 'read' && scope !== 'curate') throw new UsageError('--scope must be read or curate');
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError('--days must be a whole number from 1 to 3650');
  const deps = await openContext();
  try {
    const user = findUserByEmail(deps.sqlite, values.email);
    if (!user) throw new UsageError(`no account for ${values.email}`);
    const now = deps.clock.now();
    const made = createApiToken(deps.sqlite, user.id, { name: values.name ?? `cli ${new Date(now).toISOString().slice(0, 10)}`, scope, expiresAt: days ? now + days * 86_400_000 : null }, now);
    process.stdout.write(`token ${made.token.prefix}… for ${user.email} (scope ${scope}); it is shown only once:\n${made.secret}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
