// Vigie — progressive enhancement: keyboard navigation and the help overlay. Reading works without JavaScript.
(() => {
  const items = () => [...document.querySelectorAll('[data-item]')].filter((el) => el.closest('[data-stream]'));
  let current = -1;
  const help = document.getElementById('help');

  function select(index) {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, i) => el.classList.toggle('current', i === current));
    const el = list[current];
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
    try { sessionStorage.setItem(`vigie:pos:${location.pathname}${location.search}`, String(el.dataset.item)); } catch {}
  }

  // Come back to the item the reader was on.
  try {
    const saved = sessionStorage.getItem(`vigie:pos:${location.pathname}${location.search}`);
    const i = items().findIndex((el) => el.dataset.item === saved);
    if (i >= 0) select(i);
  } catch {}

  document.querySelectorAll('[data-help]').forEach((b) => b.addEventListener('click', () => help?.showModal()));

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (e.target && e.target.isContentEditable)) return;
    if (help?.open && e.key !== '?') return;
    const list = items();
    switch (e.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'o': case 'Enter': {
        const link = list[current]?.querySelector('h2 a');
        if (link) { link.click(); break; }
        return;
      }
      case '/': document.getElementById('q')?.focus(); break;
      case '?': help?.open ? help.close() : help?.showModal(); break;
      default: {
        // Curation shortcuts (t, s, a) are handled by the curation script when the reader is signed in.
        const action = { t: 'tag', s: 'flag', a: 'approve' }[e.key];
        if (!action || current < 0) return;
        document.dispatchEvent(new CustomEvent('vigie:action', { detail: { action, item: list[current]?.dataset.item, element: list[current] } }));
      }
    }
    e.preventDefault();
  });
})();
