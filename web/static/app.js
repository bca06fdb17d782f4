// Vigie — progressive enhancement: keyboard navigation, the help overlay, and in-place actions (forms sent to the
// JSON API with fetch, then the page content refreshed without a reload, focus kept where it was).
// Everything works without JavaScript: reading is plain HTML and every form posts to /act.
(() => {
  const items = () => [...document.querySelectorAll('[data-item]')].filter((el) => el.closest('[data-stream]'));
  const signedIn = () => Boolean(document.body.dataset.user);
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || '';
  let current = -1;
  const help = () => document.getElementById('help');
  const posKey = () => `vigie:pos:${location.pathname}${location.search}`;

  function select(index, focus = true) {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, i) => el.classList.toggle('current', i === current));
    const el = list[current];
    if (focus) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
    try { sessionStorage.setItem(posKey(), String(el.dataset.item)); } catch {}
  }

  function selectById(id, focus = true) {
    const i = items().findIndex((el) => el.dataset.item === String(id));
    if (i >= 0) select(i, focus);
    return i >= 0;
  }

  // Come back to the item the reader was on.
  try {
    const saved = sessionStorage.getItem(posKey());
    if (saved) selectById(saved);
  } catch {}

  // --- Messages -------------------------------------------------------------------------------------------------
  function say(text, ok = true, extra) {
    const box = document.getElementById('flash');
    if (!box) return;
    box.className = ok ? 'flash ok' : 'flash bad';
    box.setAttribute('role', ok ? 'status' : 'alert');
    box.textContent = '';
    const span = document.createElement('span');
    span.textContent = text;
    box.append(span);
    if (extra) {
      const code = document.createElement('code');
      code.className = 'secret';
      code.textContent = extra;
      box.append(code);
    }
  }

  // --- Forms → JSON API ----------------------------------------------------------------------------------------
  /** Same conversion as the server's /act: `n:int`, `b:bool`, `l:list`, `a.b` nests; empty fields left out. */
  function formJson(form) {
    const out = {};
    const data = new FormData(form);
    const last = new Map();
    for (const [k, v] of data.entries()) if (!k.startsWith('_') && typeof v === 'string') last.set(k, v);
    for (const [key, value] of last) {
      if (value.trim() === '') continue;
      const [path, type] = key.split(':');
      const v = type === 'int' ? Number(value) : type === 'bool' ? value === 'true' || value === 'on' : type === 'list' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
      const keys = path.split('.');
      let target = out;
      for (const k of keys.slice(0, -1)) target = target[k] ??= {};
      target[keys[keys.length - 1]] = v;
    }
    return out;
  }

  function errorText(status, body) {
    const err = body && body.error;
    let known = {};
    try { known = JSON.parse(document.body.dataset.errors || '{}'); } catch {}
    if (err && known[err.code]) return err.code === 'invalid_request' || err.code === 'unreachable' ? `${known[err.code]} ${err.message || ''}`.trim() : known[err.code];
    if (err && err.message) return `${document.body.dataset.errorText || ''} ${err.message}`.trim();
    return `${document.body.dataset.errorText || 'Error'} (${status})`;
  }

  /** Where focus was, described so it can be found again in the refreshed page. */
  function focusKey(el) {
    if (!el || el === document.body) return null;
    if (el.id) return { id: el.id };
    const form = el.closest('form[data-path]');
    const item = el.closest('[data-item]');
    return { path: form?.dataset.path, name: el.getAttribute('name'), tag: el.tagName, item: item?.dataset.item };
  }
  function findFocus(key) {
    if (!key) return null;
    if (key.id) return document.getElementById(key.id);
    if (key.path) {
      const form = document.querySelector(`form[data-path="${CSS.escape(key.path)}"]`);
      const el = form && (key.name ? form.querySelector(`[name="${CSS.escape(key.name)}"]`) : form.querySelector(key.tag));
      if (el) return el;
    }
    return null;
  }

  /** The first control of a section (by its heading id), to focus when the control used has gone (approve → unpublish). */
  function sectionControl(headingId) {
    if (!headingId) return null;
    return () => document.querySelector(`section[aria-labelledby="${CSS.escape(headingId)}"]`)?.querySelector('input:not([type=hidden]), textarea, select, button');
  }

  /** Re-renders the page's main content from the server without a reload, keeping focus where it was. */
  async function refresh(focus, fallback) {
    const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('main');
    const main = document.getElementById('main');
    if (!fresh || !main) return;
    const currentId = items()[current]?.dataset.item;
    main.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
    if (currentId && selectById(currentId, false)) {}
    const el = findFocus(focus) || (typeof fallback === 'function' ? fallback() : fallback);
    if (el && el.isConnected) el.focus({ preventScroll: true });
    else if (currentId) selectById(currentId);
  }

  async function submitAct(form, submitter) {
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
    const method = form.dataset.method;
    const path = form.dataset.path;
    // Where the reader was typing (Enter in a field) wins over the button that submitted.
    const focus = focusKey(form.contains(document.activeElement) ? document.activeElement : submitter);
    const section = form.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
    const buttons = [...form.querySelectorAll('button[type=submit], button:not([type])')];
    buttons.forEach((b) => { b.disabled = true; b.dataset.label = b.textContent; if (b.hasAttribute('data-long')) b.textContent = document.body.dataset.busyText || '…'; });
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf(), accept: 'application/json' },
        body: method === 'DELETE' ? undefined : JSON.stringify(formJson(form)),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        say(errorText(res.status, body), false);
        return false;
      }
      const extra = body && (typeof body.secret === 'string' ? body.secret : body.delivered === false && typeof body.url === 'string' ? body.url : undefined);
      // Signing in or out changes the whole page: go on to where the form leads.
      if (form.hasAttribute('data-reload') || /\/auth\/(login|logout)$/.test(path)) {
        location.assign(form.querySelector('input[name=_back]')?.value || '/');
        return true;
      }
      const dialog = form.closest('dialog');
      if (dialog) dialog.close();
      await refresh(dialog ? null : focus, dialog ? items()[current] : sectionControl(section));
      say(form.dataset.done || 'OK', true, extra);
      return true;
    } catch {
      say(document.body.dataset.errorText || 'Error', false);
      return false;
    } finally {
      form.removeAttribute('aria-busy');
      buttons.forEach((b) => { b.disabled = false; if (b.dataset.label !== undefined) b.textContent = b.dataset.label; });
    }
  }

  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-act')) return;
    e.preventDefault();
    submitAct(form, e.submitter);
  });

  // --- Keyboard actions (t, s, a) -------------------------------------------------------------------------------
  function openAction(action, itemId) {
    const dialog = document.getElementById(`act-${action}`);
    if (!dialog) return;
    const form = dialog.querySelector('form');
    const path = dialog.dataset.pathTemplate.replace('{id}', itemId);
    form.dataset.path = path;
    form.querySelector('input[name=_path]').value = path;
    form.reset();
    form.querySelector('input[name=_path]').value = path;
    dialog.showModal();
    (form.querySelector('textarea, input:not([type=hidden]):not([type=radio])') || form.querySelector('button'))?.focus();
  }
  document.addEventListener('click', (e) => {
    const close = e.target.closest && e.target.closest('[data-close]');
    if (close) close.closest('dialog')?.close();
  });
  document.addEventListener('close', (e) => {
    // Back to the item the action was about.
    if (e.target.id?.startsWith('act-')) items()[current]?.focus({ preventScroll: true });
  }, true);

  document.addEventListener('vigie:action', (e) => {
    if (!signedIn()) return;
    const { action, item } = e.detail;
    if (items().length) return openAction(action, item);
    // On an item's own page the panel is there: go to the matching field.
    const target = { tag: 'tag-input', flag: 'flag-rationale', approve: 'approve-note' }[action];
    const el = document.getElementById(target) || (action === 'approve' ? document.getElementById('unpublish') : null);
    if (!el) return;
    el.closest('details')?.setAttribute('open', '');
    el.focus();
  });

  document.querySelectorAll('[data-help]').forEach((b) => b.addEventListener('click', () => help()?.showModal()));

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (e.target && e.target.isContentEditable)) return;
    const h = help();
    if (document.querySelector('dialog[open]:not(#help)')) return;
    if (h?.open && e.key !== '?') return;
    const list = items();
    switch (e.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'o': case 'Enter': {
        if (e.key === 'Enter' && e.target !== list[current]) return;
        const link = list[current]?.querySelector('h2 a');
        if (link) { link.click(); break; }
        return;
      }
      case '/': document.getElementById('q')?.focus(); break;
      case '?': h?.open ? h.close() : h?.showModal(); break;
      default: {
        const action = { t: 'tag', s: 'flag', a: 'approve' }[e.key];
        if (!action) return;
        const full = document.querySelector('.item-full[data-item]');
        const el = current >= 0 ? list[current] : full;
        if (!el) return;
        document.dispatchEvent(new CustomEvent('vigie:action', { detail: { action, item: el.dataset.item, element: el } }));
      }
    }
    e.preventDefault();
  });
})();
