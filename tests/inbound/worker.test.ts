/**
 * `vigie worker` with SMTP_INBOUND_PORT set: the receiver starts with the workers, and a newsletter sent to it is an
 * item in the database when the sender's SMTP transaction ends.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { startVigie } from '../helpers/cli.js';
import { makeTestInstall } from '../helpers/temp.js';

const MAPBOX = readFileSync(join(import.meta.dirname, '../fixtures/emails/hoover-testdata/newsletter-mapbox-2016-04-20.eml'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

it('receives newsletters over SMTP from `vigie worker`', async () => {
  const port = await freePort();
  const install = makeTestInstall(`topics:\n  - { slug: t, name: T }\nsources:\n  - { slug: lettre, kind: newsletter, topic: t }\n`, {
    SMTP_INBOUND_PORT: String(port),
    INBOUND_DOMAIN: 'veille.example',
    LOG_LEVEL: 'info',
  });
  const worker = await startVigie(['worker'], install.env, /SMTP newsletter receiver listening/);
  try {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'newsletter@mapbox.com', to: ['lettre@veille.example'] }, raw: MAPBOX });
    transport.close();
    const db = new Database(install.config.dbFile, { readonly: true });
    try {
      expect(db.prepare(`SELECT title FROM items`).all()).toEqual([{ title: 'Introducing Mapbox Android Services' }]);
    } finally {
      db.close();
    }
  } finally {
    await worker.stop();
    install.cleanup();
  }
}, 60_000);
