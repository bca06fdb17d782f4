import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canReadTopic, curatesTopic } from '../../access/index.js';
import { writeAudit } from '../../curation/audit.js';
import { getTopic } from '../../curation/topics.js';
import { deleteChannel, getChannel, listTopicChannels, setChannelEnabled } from '../../db/outbound/channels.js';
import { listDeliveries } from '../../db/outbound/deliveries.js';
import { channelJson, createTopicChannel } from '../../outbound/channels.js';
import { EVENTS } from '../../outbound/events.js';
import { HttpError } from '../errors.js';
import { permit, signedIn } from '../middleware/permit.js';
import { requestViewer } from '../viewer.js';
import type { AppDeps, AppEnv } from '../types.js';
import { jsonBody, ok, refusals } from './curation-schemas.js';
import type { Context } from 'hono';

const Kind = z.enum(['webhook', 'slack', 'matrix', 'ntfy', 'mastodon', 'bluesky']);
const ChannelSchema = z
  .object({
    id: z.number(),
    kind: Kind,
    name: z.string().nullable(),
    url: z.string(),
    room: z.string().nullable(),
    handle: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number(),
    hasToken: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Channel');
const DeliverySchema = z
  .object({ id: z.number(), event: z.string(), status: z.enum(['pending', 'delivered', 'failed', 'cancelled']), attempts: z.number(), response: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(), nextAttemptAt: z.string().nullable() })
  .openapi('Delivery');
const TopicParam = z.object({ slug: z.string().max(64).openapi({ param: { name: 'slug', in: 'path' } }) });
const ChannelParam = TopicParam.extend({ id: z.string().regex(/^\d{1,12}$/).openapi({ param: { name: 'id', in: 'path' } }) });

/** Outbound channels of a topic (webhooks, chat, the network's social accounts): its curators manage them. */
export function channelRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock.now();

  /** The topic, if the caller curates it: unreadable = 404, readable but not curated = 403. */
  function curatedTopic(c: Context<AppEnv>, slug: string) {
    const t = getTopic(deps.sqlite, slug);
    const v = requestViewer(c, deps);
    if (!t || !canReadTopic(v, t.id)) throw new HttpError(404, 'not_found', `unknown topic '${slug}'`);
    if (!curatesTopic(v, t.id)) throw new HttpError(403, 'forbidden', `only the curators of '${slug}' manage its channels`);
    return t;
  }
  function channelOf(c: Context<AppEnv>, slug: string, id: string) {
    const t = curatedTopic(c, slug);
    const ch = getChannel(deps.sqlite, Number(id));
    if (!ch || ch.topicId !== t.id) throw new HttpError(404, 'not_found', `no channel ${id} in '${slug}'`);
    return { t, ch };
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/topics/{slug}/channels',
      summary: "Add an outbound channel to a topic (its curators): a webhook's signing secret appears only in this answer",
      middleware: [permit(signedIn(true))] as const,
      request: {
        params: TopicParam,
        ...jsonBody(
          z
            .object({
              kind: Kind,
              url: z.string().max(2048).optional(),
              token: z.string().max(4096).optional(),
              room: z.string().max(255).optional(),
              handle: z.string().max(253).optional(),
              name: z.string().trim().max(100).optional(),
              events: z.array(z.enum(EVENTS)).max(EVENTS.length).optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: ok(z.object({ channel: ChannelSchema, secret: z.string().optional() }), 'added'), ...refusals },
    }),
    (c) => {
      const t = curatedTopic(c, c.req.valid('param').slug);
      const user = c.get('user')!;
      const r = createTopicChannel(deps.sqlite, t, user.id, c.req.valid('json'), { allowPrivate: deps.config.env.FETCH_ALLOW_PRIVATE, now: now() });
      if (!r.ok) throw new HttpError(400, 'invalid_request', r.message, r.field);
      writeAudit(deps.sqlite, user, { action: 'channel.add', topicId: t.id, targetType: 'channel', targetId: r.channel.id, detail: { kind: r.channel.kind, url: r.channel.url, events: r.channel.events } }, now());
      return c.json({ channel: channelJson(r.channel), ...(r.secret ? { secret: r.secret } : {}) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/topics/{slug}/channels',
      summary: "A topic's outbound channels (its curators; never their tokens or secrets)",
      middleware: [permit(signedIn())] as const,
      request: { params: TopicParam },
      responses: { 200: ok(z.object({ channels: z.array(ChannelSchema) })), ...refusals },
    }),
    (c) => {
      const t = curatedTopic(c, c.req.valid('param').slug);
      return c.json({ channels: listTopicChannels(deps.sqlite, t.id).map(channelJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/topics/{slug}/channels/{id}',
      summary: 'Pause or resume a channel (resuming one disabled after failures clears its failure count)',
      middleware: [permit(signedIn(true))] as const,
      request: { params: ChannelParam, ...jsonBody(z.object({ enabled: z.boolean() }).strict()) },
      responses: { 200: ok(z.object({ channel: ChannelSchema })), ...refusals },
    }),
    (c) => {
      const p = c.req.valid('param');
      const { t, ch } = channelOf(c, p.slug, p.id);
      const enabled = c.req.valid('json').enabled;
      setChannelEnabled(deps.sqlite, ch.id, enabled, enabled ? null : 'paused by a curator', now());
      writeAudit(deps.sqlite, c.get('user')!, { action: enabled ? 'channel.resume' : 'channel.pause', topicId: t.id, targetType: 'channel', targetId: ch.id }, now());
      return c.json({ channel: channelJson(getChannel(deps.sqlite, ch.id)!) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/topics/{slug}/channels/{id}',
      summary: 'Remove a channel (its pending deliveries go with it)',
      middleware: [permit(signedIn(true))] as const,
      request: { params: ChannelParam },
      responses: { 200: ok(z.object({ removed: z.boolean() })), ...refusals },
    }),
    (c) => {
      const p = c.req.valid('param');
      const { t, ch } = channelOf(c, p.slug, p.id);
      const removed = deleteChannel(deps.sqlite, ch.id);
      writeAudit(deps.sqlite, c.get('user')!, { action: 'channel.remove', topicId: t.id, targetType: 'channel', targetId: ch.id, detail: { kind: ch.kind, url: ch.url } }, now());
      return c.json({ removed }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/topics/{slug}/channels/{id}/deliveries',
      summary: "A channel's delivery log, newest first: each event, its status, attempts and the target's last answer",
      middleware: [permit(signedIn())] as const,
      request: { params: ChannelParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: { 200: ok(z.object({ deliveries: z.array(DeliverySchema) })), ...refusals },
    }),
    (c) => {
      const p = c.req.valid('param');
      const { ch } = channelOf(c, p.slug, p.id);
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return c.json(
        {
          deliveries: listDeliveries(deps.sqlite, ch.id, c.req.valid('query').limit).map((d) => ({
            id: d.id,
            event: d.event,
            status: d.status,
            attempts: d.attempts,
            response: d.response,
            createdAt: iso(d.createdAt)!,
            deliveredAt: iso(d.deliveredAt),
            nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
          })),
        },
        200,
      );
    },
  );
  return app;
}
