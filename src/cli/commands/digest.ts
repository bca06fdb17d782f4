import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createInvitation } from '../../accounts/invitations.js';
import { normaliseEmail } from '../../accounts/secrets.js';
import { createUser, findUserByEmail } from '../../accounts/users.js';
import { topicBySlug } from '../../curation/item-topics.js';
import { previewDigest } from '../../digest/preview.js';
import { runDigests } from '../../digest/run.js';
import { isTimeZone, type Frequency } from '../../digest/schedule.js';
import { createSubscription, getSubscription, isEmail, type NewSubscription } from '../../digest/subscriptions.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

const HELP = `usage: vigie digest subscribe --email E (--topic SLUG | --tag T | --signals | --saved-search ID)
                [--frequency daily|weekly|monthly] [--day N] [--lang fr|en] [--hour 8] [--tz Europe/Paris]
       vigie digest run [--now]
       vigie digest preview --subscription ID [--text] [--out FILE]

subscribe  subscribes a member (invited when the e-mail has no account yet) and prints the subscription id.
           --day: weekday 1 (Monday) to 7 for weekly, day of month 1-28 for monthly.
run        builds and sends the digests that are due (--now: every subscription, its period ending now);
           returns once every recipient is sent or failed. Prints a JSON report.
preview    prints (or writes to --out) the HTML of the subscription's next digest (--text: the plain-text part).
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      topic: { type: 'string' },
      tag: { type: 'string' },
      signals: { type: 'boolean' },
      'saved-search': { type: 'string' },
      frequency: { type: 'string' },
      day: { type: 'string' },
      lang: { type: 'string' },
      hour: { type: 'string' },
      tz: { type: 'string' },
      now: { type: 'boolean' },
      subscription: { type: 'string' },
      text: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(HELP), 0;
  const [action] = positionals;
  if (!action || !['subscribe', 'run', 'preview'].includes(action) || positionals.length > 1) throw new UsageError(`expected subscribe, run or preview\n\n${HELP}`);

  if (action === 'subscribe') {
    const email = normaliseEmail(values.email ?? '');
    if (!isEmail(email)) throw new UsageError(`--email needs a valid e-mail address, got '${values.email ?? ''}'`);
    const targets = [values.topic !== undefined, values.tag !== undefined, values.signals === true, values['saved-search'] !== undefined].filter(Boolean).length;
    if (targets !== 1) throw new UsageError('give exactly one of --topic SLUG, --tag T, --signals, --saved-search ID');
    const frequency = (values.frequency ?? 'daily') as Frequency;
    if (!['daily', 'weekly', 'monthly'].includes(frequency)) throw new UsageError('--frequency must be daily, weekly or monthly');
    const lang = values.lang ?? 'fr';
    if (lang !== 'fr' && lang !== 'en') throw new UsageError('--lang must be fr or en');
    const hour = values.hour === undefined ? 8 : Number(values.hour);
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new UsageError('--hour must be a whole number from 0 to 23');
    const day = values.day === undefined ? 1 : Number(values.day);
    if (values['saved-search'] !== undefined && !/^[1-9]\d*$/.test(values['saved-search'])) throw new UsageError('--saved-search needs the id of a saved search');
    const deps = await openContext();
    try {
      const tz = values.tz ?? deps.config.env.VIGIE_TIMEZONE;
      if (!isTimeZone(tz)) throw new UsageError(`--tz: unknown time zone '${tz}' (expected an IANA name such as Europe/Paris)`);
      const now = deps.clock.now();
      let user = findUserByEmail(deps.sqlite, email);
      if (!user) {
        const topicId = values.topic ? (topicBySlug(deps.sqlite, values.topic)?.id ?? null) : null;
        if (values.topic && topicId === null) throw new UsageError(`unknown topic '${values.topic}'`);
        const made = await createUser(deps.sqlite, { email, role: 'member', topicId, grant: topicId !== null }, now);
        if (!made.ok) throw new UsageError(made.message);
        const inv = createInvitation(deps.sqlite, { email, role: 'member', topicId, authorId: null }, now);
        process.stderr.write(`created ${email} as a member; invitation to choose a password (valid 14 days): ${deps.config.publicUrl}/invite/${inv.secret}\n`);
        user = findUserByEmail(deps.sqlite, email)!;
      }
      const kind: NewSubscription['kind'] = values.topic !== undefined ? 'topic' : values.tag !== undefined ? 'tag' : values.signals ? 'signals' : 'saved_search';
      const target = values.topic ?? values.tag ?? (values['saved-search'] ? Number(values['saved-search']) : null);
      const made = createSubscription(deps.sqlite, { userId: user.id, kind, target, frequency, day, hour, timeZone: tz, lang }, now);
      if (!made.ok) throw new UsageError(`--${made.field === 'timeZone' ? 'tz' : made.field === 'savedSearch' ? 'saved-search' : made.field}: ${made.message}`);
      process.stdout.write(`${made.id}\n`);
      return 0;
    } finally {
      await deps.close();
    }
  }

  const deps = await openContext();
  try {
    if (action === 'run') {
      if (!deps.config.env.SMTP_URL) process.stderr.write('SMTP_URL is not set: digests are published on the web and as feeds only\n');
      const report = await runDigests(deps, { now: values.now === true });
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return report.ran || report.reason === 'idle' ? 0 : 75; // EX_TEMPFAIL: another run holds the lease
    }
    const id = Number(values.subscription);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('--subscription needs a subscription id');
    const sub = getSubscription(deps.sqlite, id);
    if (!sub) throw new UsageError(`no subscription ${id}`);
    const { model, email } = await previewDigest({ sqlite: deps.sqlite, search: deps.search, publicUrl: deps.config.publicUrl, publicRead: deps.config.publicRead, i18n: deps.i18n }, sub, deps.clock.now());
    const body = values.text ? email.text : email.html;
    if (values.out) {
      writeFileSync(values.out, body);
      process.stderr.write(`${model.total} items; written to ${values.out}\n`);
    } else process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
