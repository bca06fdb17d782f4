import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { itemRef, topicBySlug } from '../../curation/item-topics.js';
import { canReadTopic } from '../../access/rule.js';
import { actingTopic, canActOn } from '../../curation/permissions.js';
import { addItemTags, addVocabularyTag, mergeTags, removeItemTag, renameTag } from '../../curation/tags.js';
import { getTag, listReadableTopicTags, readableItemTags, type TopicTag } from '../../db/curation/tags.js';
import { getTopic } from '../../curation/topics.js';
import { HttpError } from '../errors.js';
import { forbidden, holds, intParam, notFound, onItem, permit } from '../middleware/permit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { IdParam, jsonBody, ok, refusals, Slug, SlugParam, TagName } from './curation-schemas.js';

const TagSchema = z.object({ id: z.number(), name: z.string(), controlled: z.boolean(), items: z.number() }).openapi('Tag');

/** Tags on items (members), and each topic's vocabulary kept by its curators (add, rename, merge). */
export function tagRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();
  /** A tag as its topic's curator reads it, after a change. */
  const tagOf = (c: Parameters<typeof requestViewer>[0], topicId: number, id: number): TopicTag => listReadableTopicTags(deps.sqlite, requestViewer(c, deps), topicId).find((x) => x.id === id)!;
  const tagCurator = permit((c, user) => {
    const early = holds('curator')(c, user);
    if (early) return early;
    const id = intParam(c);
    const tag = id === null ? null : getTag(deps.sqlite, id);
    if (!tag) return notFound('no such tag');
    return canActOn(user, [tag.topicId], 'curator') ? null : forbidden("you are not a curator of this tag's topic");
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/items/{id}/tags',
      summary: "Tag an item (members of its topic): the topic's vocabulary term when one matches, else a free tag",
      middleware: [permit(onItem(deps, 'member'))] as const,
      request: { params: IdParam, ...jsonBody(z.object({ tags: z.array(TagName).min(1).max(20), topic: Slug.optional() }).strict()) },
      responses: { 200: ok(z.object({ added: z.array(z.string()), tags: z.array(z.string()) })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      const b = c.req.valid('json');
      let topicId = actingTopic(user, ref.topicIds, 'member');
      if (b.topic) {
        const t = topicBySlug(deps.sqlite, b.topic);
        if (!t || !ref.topicIds.includes(t.id)) throw new HttpError(400, 'invalid_request', `the item is not in topic '${b.topic}'`, 'topic');
        if (!canActOn(user, [t.id], 'member')) throw new HttpError(403, 'forbidden', `you are not a member of '${b.topic}'`);
        topicId = t.id;
      }
      if (topicId === null) throw new HttpError(409, 'no_topic', "this item's source has no topic: give the source a topic before tagging");
      const added = addItemTags(deps.sqlite, user, ref.id, topicId, b.tags, now());
      return c.json({ added, tags: readableItemTags(deps.sqlite, requestViewer(c, deps), ref.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/items/{id}/tags/{tag}',
      summary: 'Remove a tag from an item (members of its topic)',
      middleware: [permit(onItem(deps, 'member'))] as const,
      request: { params: z.object({ id: z.string(), tag: z.string().max(200) }) },
      responses: { 200: ok(z.object({ tags: z.array(z.string()) })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const ref = itemRef(deps.sqlite, intParam(c)!)!;
      // Only the tags of the topics where the member acts: another topic's curation is not theirs to change.
      const mine = ref.topicIds.filter((t) => canActOn(user, [t], 'member'));
      if (!removeItemTag(deps.sqlite, user, ref.id, c.req.valid('param').tag, mine, now())) throw new HttpError(404, 'not_found', 'the item does not carry this tag');
      return c.json({ tags: readableItemTags(deps.sqlite, requestViewer(c, deps), ref.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/topics/{slug}/tags',
      summary: "A topic's tags: controlled vocabulary first, then free tags, with how many items you may read carry each (anonymous readers: published tags only)",
      request: { params: SlugParam },
      responses: { 200: ok(z.object({ tags: z.array(TagSchema) })), 404: refusals[404] },
    }),
    (c) => {
      const v = requestViewer(c, deps);
      const t = getTopic(deps.sqlite, c.req.valid('param').slug);
      if (!t || !canReadTopic(v, t.id)) throw new HttpError(404, 'not_found', 'no such topic');
      return c.json({ tags: listReadableTopicTags(deps.sqlite, v, t.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/topics/{slug}/tags',
      summary: "Add a term to the topic's controlled vocabulary (curators of it)",
      middleware: [
        permit((c, user) => {
          const early = holds('curator')(c, user);
          if (early) return early;
          const t = getTopic(deps.sqlite, c.req.param('slug') ?? '');
          if (!t) return notFound('no such topic');
          return canActOn(user, [t.id], 'curator') ? null : forbidden(`you are not a curator of '${t.slug}'`);
        }),
      ] as const,
      request: { params: SlugParam, ...jsonBody(z.object({ name: TagName }).strict()) },
      responses: { 201: ok(z.object({ tag: TagSchema }), 'added'), ...refusals },
    }),
    (c) => {
      const t = getTopic(deps.sqlite, c.req.valid('param').slug)!;
      const id = addVocabularyTag(deps.sqlite, c.get('user')!, t.id, c.req.valid('json').name, now());
      return c.json({ tag: tagOf(c, t.id, id) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/tags/{id}',
      summary: 'Rename a tag (curators of its topic); renaming onto an existing tag merges them',
      middleware: [tagCurator] as const,
      request: { params: IdParam, ...jsonBody(z.object({ name: TagName }).strict()) },
      responses: { 200: ok(z.object({ tag: TagSchema, merged: z.boolean() })), ...refusals },
    }),
    (c) => {
      const r = renameTag(deps.sqlite, c.get('user')!, intParam(c)!, c.req.valid('json').name, now());
      const tag = getTag(deps.sqlite, r.id)!;
      return c.json({ tag: tagOf(c, tag.topicId, r.id), merged: r.merged }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tags/{id}/merge',
      summary: 'Merge this tag into another tag of the same topic (curators of it)',
      middleware: [tagCurator] as const,
      request: { params: IdParam, ...jsonBody(z.object({ into: z.number().int().positive() }).strict()) },
      responses: { 200: ok(z.object({ tag: TagSchema })), ...refusals },
    }),
    (c) => {
      const from = getTag(deps.sqlite, intParam(c)!)!;
      const into = getTag(deps.sqlite, c.req.valid('json').into);
      if (!into || into.topicId !== from.topicId || into.id === from.id) throw new HttpError(400, 'invalid_request', 'merge into another tag of the same topic', 'into');
      mergeTags(deps.sqlite, c.get('user')!, from.id, into.id, now());
      return c.json({ tag: tagOf(c, into.topicId, into.id) }, 200);
    },
  );
  return app;
}
