import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { acceptInvitation, findInvitation } from '../../accounts/invitations.js';
import { PASSWORD_MIN } from '../../accounts/passwords.js';
import { consumePasswordReset } from '../../accounts/password-reset.js';
import { createSession } from '../../accounts/sessions.js';
import { getUser } from '../../accounts/users.js';
import { writeAudit } from '../../curation/audit.js';
import { setSessionCookie } from '../middleware/session.js';
import type { AppDeps, AppEnv } from '../types.js';

/** A bare page (no JavaScript needed); hono/html escapes every interpolated value. */
function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Vigie</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="account"><h1>${title}</h1>${body}</main></body></html>`;
}

const field = (name: string, label: string, type: string, extra = '') =>
  html`<p><label>${label}<br><input name="${name}" type="${type}" ${raw(extra)}></label></p>`;

/** The web side of invitation links (`/invite/:token`) and reset links (`/reset/:token`). */
export function accountPageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock.now();
  const gone = (c: Context) =>
    c.html(page('Link expired', html`<p>This link is unknown, already used or expired. Ask whoever sent it for a new one.</p>`), 404);

  app.get('/invite/:token', (c) => {
    const inv = findInvitation(deps.sqlite, c.req.param('token'), now());
    if (!inv) return gone(c);
    return c.html(
      page(
        'Join this watch',
        html`<p>You are invited as <strong>${inv.role}</strong>${inv.topic ? html` of <strong>${inv.topic}</strong>` : ''} with the address <strong>${inv.email}</strong>.</p>
<form method="post">${field('displayName', 'Your name', 'text', 'maxlength="100" autocomplete="name"')}${field('password', `Password (at least ${PASSWORD_MIN} characters; or your current one if you already have an account)`, 'password', `required minlength="${PASSWORD_MIN}" autocomplete="new-password"`)}<p><button type="submit">Accept</button></p></form>`,
      ),
    );
  });

  app.post('/invite/:token', async (c) => {
    const form = await c.req.parseBody();
    const password = typeof form.password === 'string' ? form.password : '';
    const displayName = typeof form.displayName === 'string' && form.displayName.trim() ? form.displayName.trim().slice(0, 100) : undefined;
    if (password.length < PASSWORD_MIN) return c.html(page('Join this watch', html`<p role="alert">The password needs at least ${PASSWORD_MIN} characters. <a href="">Try again</a>.</p>`), 400);
    const r = await acceptInvitation(deps.sqlite, c.req.param('token'), { password, displayName }, now());
    if (!r.ok) return r.code === 'wrong_password' ? c.html(page('Join this watch', html`<p role="alert">${r.message}. <a href="">Try again</a>.</p>`), 401) : gone(c);
    const u = getUser(deps.sqlite, r.userId)!;
    writeAudit(deps.sqlite, { id: u.id, email: u.email, displayName: u.displayName }, { action: 'user.join', targetType: 'user', targetId: u.id, detail: { created: r.created } }, now());
    setSessionCookie(c, deps, createSession(deps.sqlite, u.id, now()).secret);
    return c.redirect('/', 303);
  });

  app.get('/reset/:token', (c) =>
    c.html(page('Choose a new password', html`<form method="post">${field('password', `New password (at least ${PASSWORD_MIN} characters)`, 'password', `required minlength="${PASSWORD_MIN}" autocomplete="new-password"`)}<p><button type="submit">Save</button></p></form>`)),
  );

  app.post('/reset/:token', async (c) => {
    const form = await c.req.parseBody();
    const password = typeof form.password === 'string' ? form.password : '';
    if (password.length < PASSWORD_MIN) return c.html(page('Choose a new password', html`<p role="alert">At least ${PASSWORD_MIN} characters. <a href="">Try again</a>.</p>`), 400);
    const r = await consumePasswordReset(deps.sqlite, c.req.param('token'), password, now());
    if (!r.ok) return gone(c);
    return c.html(page('Password changed', html`<p>Your password is changed; every session was signed out. Sign in again with the new one.</p>`));
  });
  return app;
}
