import { Hono } from 'hono';
import { ItemPage, NotFoundPage } from '../../../web/views/item.js';
import { itemRef } from '../../curation/item-topics.js';
import { clusterSiblings } from '../../db/items/cluster.js';
import { getItem } from '../../db/items/get.js';
import { markRead } from '../../db/reading/reads.js';
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
    const viewer = requestViewer(c, deps);
    const item = getItem(deps.sqlite, viewer, Number(c.req.param('id')));
    const ref = item ? itemRef(deps.sqlite, item.id) : null;
    if (!item || !ref) return c.html(<NotFoundPage ctx={ctx} />, 404);
    if (user) markRead(deps.sqlite, user.id, item.id, deps.clock.now());
    const siblings = clusterSiblings(deps.sqlite, viewer, item.id, item.clusterId);
    return c.html(<ItemPage ctx={ctx} item={item} panel={panelData(deps.sqlite, viewer, user, ref)} siblings={siblings} />);
  });
  return app;
}
