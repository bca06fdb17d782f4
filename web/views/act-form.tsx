import type { Child } from 'hono/jsx';
import type { ViewContext } from './context.js';

export type ActMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A form that calls the JSON API. Without JavaScript it posts to /act, which calls the API and comes back to
 * `back`; web/static/app.js sends it to the API with fetch instead and refreshes the page in place.
 * Field names carry their JSON type: `strength:int`, `public:bool`, `tags:list` (comma-separated), `query.q` (nested).
 */
export function ActForm(p: { ctx: ViewContext; method: ActMethod; path: string; done: string; back?: string; class?: string; label?: string; confirm?: string; children: Child }) {
  return (
    <form method="post" action="/act" class={p.class} data-act data-method={p.method} data-path={p.path} data-done={p.ctx.t(p.done)} data-confirm={p.confirm} aria-label={p.label}>
      <input type="hidden" name="_method" value={p.method} />
      <input type="hidden" name="_path" value={p.path} />
      <input type="hidden" name="_back" value={p.back ?? p.ctx.path} />
      <input type="hidden" name="_done" value={p.done} />
      <input type="hidden" name="_csrf" value={p.ctx.csrf ?? ''} />
      {p.children}
    </form>
  );
}
