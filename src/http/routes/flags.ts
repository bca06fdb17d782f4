import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canReadCuration } from '../../access/rule.js';
import { createFlag, flagJson, updateFlag, type Flag } from '../../curation/flags.js';
import { itemRef, topicBySlug } from '../../curation/item-topics.js';
import { actingTopic, canActOn } from '../../curation/permissions.js';
import { getFlag, listReadableFlags } from '../../db/curation/flags.js';
import { HttpError } from '../errors.js';
import { forbidden, holds, intParam, notFound, onItem, permit } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { FlagSchema, IdParam, jsonBody, ok, refusals, Slug } from './curation-schemas.js';

const Strength = z.number().int().min(1).max(3).openapi({ description: '1 = faint, 3 = strong' });
const Rationale = z.string().trim().min(1, { message: 'a rationale is required: why is this a weak signal?' }).max(5000);
const Status = z.enum(['watching', 'confirmed', 'dismissed']);

/** Weak-signal flags: members raise them with a rationale; curators confirm or dismiss (saying why) and publish them. */
export function flagRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();

  /** Topics where a flag counts: its own, else those of the items it covers. */
  const flagTopics = (f: Flag) => (f.topicId !== null ? [f.topicId] : f.items.flatMap((i) => itemRef(deps.sqlite, i)?.topicIds ?? []));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/items/{id}/flags',
      summary: 'Flag an item as a weak signal (members of its topic): strength 1-3 and a rationale',
      middleware: [permit(onItem(deps, 'member'))] as const,
      request: { params: IdParam, ...jsonBody(z.object({ strength: Strength, rationale: Rationale }).strict()) },
      responses: { 201: ok(z.object({ flag: FlagSchema }), 'flag raised'), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const b = c.req.valid('json');
      const id = createFlag(deps.sqlite, user, { itemIds: [ref.id], topicId: actingTopic(user, ref.topicIds, 'member'), strength: b.strength, rationale: b.rationale }, now());
      return c.json({ flag: flagJson(getFlag(deps.sqlite, id)!) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/flags',
      summary: 'One flag covering several items (what accepting a radar suggestion creates)',
      middleware: [permit(holds('member'))] as const,
      request: jsonBody(z.object({ items: z.array(z.number().int().positive()).min(1).max(200), strength: Strength, rationale: Rationale, topic: Slug.optional() }).strict()),
      responses: { 201: ok(z.object({ flag: FlagSchema }), 'flag raised'), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const b = c.req.valid('json');
      const refs = [];
      for (const id of new Set(b.items)) {
        const ref = itemRef(deps.sqlite, id);
        if (!ref) throw new HttpError(404, 'not_found', `no item ${id}`, 'items');
        if (!canActOn(user, ref.topicIds, 'member')) throw new HttpError(403, 'forbidden', `you are not a member of the topic of item ${id}`);
        refs.push(ref);
      }
      let topicId = actingTopic(user, refs[0]!.topicIds, 'member');
      if (b.topic) {
        const t = topicBySlug(deps.sqlite, b.topic);
        if (!t) throw new HttpError(404, 'not_found', `no topic '${b.topic}'`, 'topic');
        if (!canActOn(user, [t.id], 'member')) throw new HttpError(403, 'forbidden', `you are not a member of '${b.topic}'`);
        topicId = t.id;
      }
      const id = createFlag(deps.sqlite, user, { itemIds: refs.map((r) => r.id), topicId, strength: b.strength, rationale: b.rationale }, now());
      return c.json({ flag: flagJson(getFlag(deps.sqlite, id)!) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/flags',
      summary: 'The weak-signal board, newest first: the flags whose curation you read (anonymous readers: public flags of public topics), with the items you may read',
      request: {
        query: z
          .object({
            status: Status.optional(),
            topic: Slug.optional(),
            item: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: z.coerce.number().int().positive().optional().openapi({ description: 'id of the last flag of the previous page' }),
          })
          .strict(),
      },
      responses: { 200: ok(z.object({ flags: z.array(FlagSchema), next: z.number().nullable() })), 400: refusals[400] },
    }),
    (c) => {
      const q = c.req.valid('query');
      const topic = q.topic ? topicBySlug(deps.sqlite, q.topic) : null;
      if (q.topic && !topic) return c.json({ flags: [], next: null }, 200);
      const rows = listReadableFlags(deps.sqlite, requestViewer(c, deps), { status: q.status, topicId: topic?.id, itemId: q.item, limit: q.limit + 1, before: q.before });
      const page = rows.slice(0, q.limit);
      return c.json({ flags: page.map(flagJson), next: rows.length > q.limit ? page[page.length - 1]!.id : null }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/flags/{id}', summary: 'One flag', request: { params: IdParam }, responses: { 200: ok(z.object({ flag: FlagSchema })), 404: refusals[404] } }),
    (c) => {
      const id = intParam(c);
      const f = id === null ? undefined : listReadableFlags(deps.sqlite, requestViewer(c, deps), { id, limit: 1 })[0];
      if (!f) throw new HttpError(404, 'not_found', 'no such flag');
      return c.json({ flag: flagJson(f) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/flags/{id}',
      summary: 'Confirm, dismiss or keep watching a flag (with the reason), or make it public (curators of its topic)',
      middleware: [
        permit((c, user) => {
          const early = holds('curator')(c, user);
          if (early) return early;
          const id = intParam(c);
          const f = id === null ? null : getFlag(deps.sqlite, id);
          if (!f || !canReadCuration(requestViewer(c, deps), f.topicId, f.public)) return notFound('no such flag');
          return canActOn(user, flagTopics(f), 'curator') ? null : forbidden("you are not a curator of this flag's topic");
        }),
      ] as const,
      request: {
        params: IdParam,
        ...jsonBody(
          z
            .object({ status: Status.optional(), reason: z.string().trim().min(1).max(5000).optional(), public: z.boolean().optional() })
            .strict()
            .refine((b) => b.status !== undefined || b.public !== undefined, { message: 'give a status (with a reason) or public', path: ['status'] })
            .refine((b) => b.status === undefined || b.reason !== undefined, { message: 'say why the status changes', path: ['reason'] }),
        ),
      },
      responses: { 200: ok(z.object({ flag: FlagSchema })), ...refusals },
    }),
    (c) => {
      const id = intParam(c)!;
      updateFlag(deps.sqlite, c.get('user')!, id, c.req.valid('json'), now());
      return c.json({ flag: flagJson(getFlag(deps.sqlite, id)!) }, 200);
    },
  );
  return app;
}
