/**
 * The exactly-once fault test, with real processes: `vigie digest run --now` sends through a real SMTP server that
 * accepts two messages, then receives the third one completely and never answers; the run is killed (SIGKILL)
 * while waiting. The resumed run, against a healthy server, delivers to everyone left, and resends only the
 * message whose answer was lost — with the same Message-ID.
 */
import { spawn } from 'node:child_process';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, vigie } from '../helpers/cli.js';
import { makeDigestNetwork, type DigestNetwork } from './fixture.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let net: DigestNetwork | null = null;
const servers: TestSmtp[] = [];
afterEach(async () => {
  await net?.close();
  net = null;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const until = async (cond: () => boolean, what: string, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('digest delivery after a crash', () => {
  it('resumes without skipping anyone and sends a second copy only to the recipient whose answer was lost', async () => {
    const failing = await startSmtp({ data: (n) => (n <= 2 ? 'accept' : 'hang') });
    servers.push(failing);
    net = await makeDigestNetwork({ SMTP_URL: failing.url });
    // The child processes run on the real clock: curate an hour ago.
    net.clock.set(Date.now() - 3_600_000);
    const emails = ['r1@vigie.test', 'r2@vigie.test', 'r3@vigie.test', 'r4@vigie.test', 'r5@vigie.test'];
    for (const email of emails) {
      const m = await net.member(email);
      net.subscribe({ userId: m.id, kind: 'topic', target: 'sante' });
    }
    const [id] = net.seed('who', ['Curated before the crash']);
    net.approve(id!, 'worth reading');
    const env = { ...process.env, ...net.install.env, SMTP_URL: failing.url };

    const child = spawn(process.execPath, [BIN, 'digest', 'run', '--now'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('close', (_code, signal) => r(signal)));
    await until(() => failing.received.length === 3, `the third message (stderr: ${stderr})`);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const states = net.deps.sqlite.prepare(`SELECT email, status FROM digest_deliveries ORDER BY id`).all() as { email: string; status: string }[];
    expect(states).toEqual([
      { email: 'r1@vigie.test', status: 'sent' },
      { email: 'r2@vigie.test', status: 'sent' },
      { email: 'r3@vigie.test', status: 'sending' },
      { email: 'r4@vigie.test', status: 'pending' },
      { email: 'r5@vigie.test', status: 'pending' },
    ]);

    const healthy = await startSmtp();
    servers.push(healthy);
    const resumed = await vigie(['digest', 'run', '--now'], { ...net.install.env, SMTP_URL: healthy.url });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ran: true, built: 0, sent: 3, failed: 0, resent: 1 });

    const first = await Promise.all(failing.received.map((r) => simpleParser(r.raw)));
    const second = await healthy.accepted();
    expect(second.map((m) => (m.to as { text: string }).text)).toEqual(['r3@vigie.test', 'r4@vigie.test', 'r5@vigie.test']);
    // Accepted once each, everyone covered.
    const accepted = [...failing.received.filter((r) => r.reply === 'accept').map((r) => r.to), ...healthy.received.map((r) => r.to)];
    expect(accepted.sort()).toEqual(emails);
    // The lost one: same Message-ID both times, so the client folds the copy.
    const lost = first[2]!;
    expect((lost.to as { text: string }).text).toBe('r3@vigie.test');
    expect(second[0]!.messageId).toBe(lost.messageId);
    const ids = [...first.slice(0, 2), ...second].map((m) => m.messageId);
    expect(new Set(ids).size).toBe(5);

    const after = net.deps.sqlite.prepare(`SELECT status, count(*) AS n FROM digest_deliveries GROUP BY status`).all();
    expect(after).toEqual([{ status: 'sent', n: 5 }]);
  }, 60_000);
});
