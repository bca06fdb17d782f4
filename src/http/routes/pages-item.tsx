import { Hono } from 'hono';
import { ItemPage, NotFoundPage } from '../../../web/views/item.js';
import { itemRef } from '../../curation/item-topics.js';
import { clusterSiblings } from '../../db/queries/cluster-items.js';
import { getItem } from '../../db/queries/get-item.js';
import { markRead } from '../../db/queries/reading.js';
import { canReadItem } from '../middleware/permit.js';
import type { AppDeps } from '../types.js';
import { requestViewer } from '../viewer.js';
import { panelData } from './item-panel.js';
import { pageUser, readAllowed, toLogin, viewContext, type PageEnv } from './pages-context.js';

export function itemPageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  app.get('/items/:id{[0-9]+}', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const ctx = viewContext(deps, c);
    const ref = itemRef(deps.sqlite, Number(c.req.param('id')));
    const item = ref && canReadItem(deps, user, ref) ? getItem(deps.sqlite, ref.id) : null;
    if (!ref || !item) return c.html(<NotFoundPage ctx={ctx} />, 404);
    if (user) markRead(deps.sqlite, user.id, item.id, deps.clock.now());
    const siblings = clusterSiblings(deps.sqlite, item.id, item.clusterId, !user).filter((sib) => {
      const r = itemRef(deps.sqlite, sib.id);
      return r !== null && canReadItem(deps, user, r);
    });
    return c.html(<ItemPage ctx={ctx} item={item} panel={panelData(deps.sqlite, requestViewer(c, deps), user, ref)} siblings={siblings} />);
  });
  return app;
}
