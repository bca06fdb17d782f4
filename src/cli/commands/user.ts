import { parseArgs } from 'node:util';
import { createInvitation } from '../../accounts/invitations.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../accounts/passwords.js';
import { createPasswordReset } from '../../accounts/password-reset.js';
import { normaliseEmail } from '../../accounts/secrets.js';
import type { GlobalRole } from '../../accounts/types.js';
import { createUser, findUserByEmail, grantRole, listUsers, toPublicUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';
import { topicIdBySlug } from '../../db/topics/topic-id.js';

const HELP = `usage: vigie user add --email E --role admin|curator|member [--topic SLUG] [--name NAME] [--password-stdin]
       vigie user list [--json]
       vigie user reset --email E

add    creates the account with the password read from stdin (--password-stdin), or prints an invitation link
       the person opens to choose their password. Curators and members get their role in --topic (every topic
       when no topic is given). An existing account gets the role added.
list   prints the accounts with their roles.
reset  prints a one-time password reset link (valid two hours).
`;

const ROLES = ['admin', 'curator', 'member'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      topic: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(HELP), 0;
  const [action] = positionals;
  if (!action || !['add', 'list', 'reset'].includes(action) || positionals.length > 1) throw new UsageError(`expected add, list or reset\n\n${HELP}`);
  const email = values.email ? normaliseEmail(values.email) : undefined;
  if (action !== 'list' && (!email || !/^[^\s@]+@[^\s@]+$/.test(email))) throw new UsageError('--email needs an e-mail address');
  const role = values.role as GlobalRole | undefined;
  if (action === 'add' && (!role || !ROLES.includes(role))) throw new UsageError('--role must be admin, curator or member');
  if (values.topic && role === 'admin') throw new UsageError('admins hold every topic: drop --topic');
  const password = values['password-stdin'] ? await readStdin() : null;
  if (password !== null && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) throw new UsageError(`the password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);

  const deps = await openContext();
  try {
    const now = deps.clock.now();
    if (action === 'list') {
      const users = listUsers(deps.sqlite).map((u) => toPublicUser(deps.sqlite, u));
      if (values.json) process.stdout.write(`${JSON.stringify(users)}\n`);
      else for (const u of users) process.stdout.write(`${u.email.padEnd(32)} ${u.role.padEnd(8)} ${u.memberships.map((m) => `${m.topic ?? '*'}:${m.role}`).join(' ')}\n`);
      return 0;
    }
    const user = findUserByEmail(deps.sqlite, email!);
    if (action === 'reset') {
      if (!user) throw new UsageError(`no account for ${email}`);
      const r = createPasswordReset(deps.sqlite, user.id, null, now);
      process.stdout.write(`${deps.config.publicUrl}/reset/${r.secret}\n`);
      return 0;
    }
    const topicId = values.topic ? topicIdBySlug(deps.sqlite, values.topic) : null;
    if (values.topic && topicId === null) throw new UsageError(`unknown topic '${values.topic}'`);
    const operator = { id: null, email: 'operator (cli)', displayName: 'operator (cli)' };
    if (user) {
      grantRole(deps.sqlite, user.id, role!, topicId, null, now);
      writeAudit(deps.sqlite, operator, { action: 'member.set', topicId, targetType: 'user', targetId: user.id, detail: { email, role } }, now);
      process.stdout.write(`${email} now has the role ${role}${values.topic ? ` in ${values.topic}` : ''}\n`);
      return 0;
    }
    if (password !== null) {
      const made = await createUser(deps.sqlite, { email: email!, displayName: values.name, password, role: role!, topicId }, now);
      if (!made.ok) throw new UsageError(made.message);
      process.stdout.write(`created ${email} (${role}${values.topic ? ` of ${values.topic}` : ''})\n`);
      return 0;
    }
    const inv = createInvitation(deps.sqlite, { email: email!, role: role!, topicId, authorId: null }, now);
    process.stdout.write(`invitation for ${email} (${role}${values.topic ? ` of ${values.topic}` : ''}), valid 14 days:\n${deps.config.publicUrl}/invite/${inv.secret}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
