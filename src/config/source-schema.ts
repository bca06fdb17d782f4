import { z } from 'zod';
import { trimTrailingSlashes } from '../lib/web-url.js';

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use 1-64 lowercase letters, digits, - or _ (starting with a letter or digit)');

/** "30m", "2h", "1d", "90s" or a number of minutes → milliseconds. */
export const intervalSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = typeof v === 'number' ? [String(v), String(v), 'm'] : /^(\d+(?:\.\d+)?)\s*([smhd])?$/.exec(v.trim());
  const n = m ? Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'm') as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isFinite(n) || n < 60_000 || n > 30 * 86_400_000) {
    ctx.addIssue({ code: 'custom', message: `expected an interval from 1m to 30d such as "30m", "2h" or "1d", got '${v}'` });
    return z.NEVER;
  }
  return n;
});

export const topicDeclSchema = z
  .object({
    slug: slugSchema,
    name: z.string().min(1),
    description: z.string().optional(),
    public: z.boolean().default(true),
  })
  .strict();

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), { message: 'expected an absolute http(s) URL' });

const common = {
  slug: slugSchema,
  name: z.string().min(1).optional(),
  topic: slugSchema.optional(),
  topics: z.array(slugSchema).optional(),
  interval: intervalSchema.optional(),
  tags: z.array(z.string().min(1).max(64)).default([]),
  enabled: z.boolean().default(true),
  lang: z.string().min(2).max(35).optional(),
};

/** `kind: feed` — RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1. */
const feedSource = z
  .object({ ...common, kind: z.literal('feed'), url: httpUrl, full_text: z.boolean().default(false) })
  .strict();

/** A host name ("mastodon.social") or a base URL ("https://mastodon.social", "http://127.0.0.1:8080" in tests). */
const baseUrl = z
  .string()
  .min(1)
  .transform((v) => (/^https?:\/\//i.test(v) ? trimTrailingSlashes(v) : `https://${trimTrailingSlashes(v)}`))
  .refine((v) => URL.canParse(v), { message: 'expected a host name or an absolute http(s) URL' });

/** `kind: newsletter` — e-mails sent to <slug>@<INBOUND_DOMAIN> (SMTP) or found in the IMAP mailbox. */
const newsletterSource = z
  .object({
    ...common,
    kind: z.literal('newsletter'),
    /** Accept only these senders ("news@example.org" or "@example.org"); empty = any sender. */
    senders: z.array(z.string().regex(/^[^\s@]*@[^\s@]+$/, 'expected an address or @domain')).default([]),
    /** At most this many messages per sender and hour; more are refused (SMTP 451) or held (IMAP). */
    max_per_hour: z.number().int().min(1).max(10_000).default(20),
  })
  .strict();

/** `kind: mastodon` — an account's public posts (`handle`) or a hashtag (`hashtag`) on an instance. */
const mastodonSource = z
  .object({
    ...common,
    kind: z.literal('mastodon'),
    instance: baseUrl,
    handle: z.string().regex(/^@?[A-Za-z0-9_.-]+(@[A-Za-z0-9.-]+)?$/, 'expected "@user" or "@user@instance"').optional(),
    hashtag: z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'expected a hashtag such as "humanitarian"').optional(),
    include_replies: z.boolean().default(false),
    include_boosts: z.boolean().default(true),
  })
  .strict()
  .refine((s) => (s.handle ? 1 : 0) + (s.hashtag ? 1 : 0) === 1, { message: 'give either handle or hashtag', path: ['handle'] });

/** `kind: bluesky` — an account's posts through the public AppView API. */
const blueskySource = z
  .object({
    ...common,
    kind: z.literal('bluesky'),
    handle: z.string().regex(/^@?([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^did:[a-z]+:[A-Za-z0-9._:%-]+$/, 'expected a handle ("unocha.org") or a DID'),
    appview: baseUrl.default('https://public.api.bsky.app'),
    include_replies: z.boolean().default(false),
    include_reposts: z.boolean().default(true),
  })
  .strict();

/** `kind: youtube` — a channel's (`channel: UC…`) or a playlist's (`playlist: PL…`) videos, from YouTube's feed. */
const youtubeSource = z
  .object({
    ...common,
    kind: z.literal('youtube'),
    channel: z.string().regex(/^UC[A-Za-z0-9_-]{22}$/, 'expected a channel id such as "UCxxxxxxxxxxxxxxxxxxxxxx"').optional(),
    playlist: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'expected a playlist id such as "PLxxxx…"').optional(),
    base_url: baseUrl.default('https://www.youtube.com'),
  })
  .strict()
  .refine((s) => (s.channel ? 1 : 0) + (s.playlist ? 1 : 0) === 1, { message: 'give either channel or playlist', path: ['channel'] });

/** `kind: reddit` — a subreddit's public feed (Reddit announced the end of public RSS for 2026-11-13). */
const redditSource = z
  .object({
    ...common,
    kind: z.literal('reddit'),
    subreddit: z.string().regex(/^(r\/)?[A-Za-z0-9_]{2,32}$/, 'expected a subreddit name such as "humanitarian"'),
    sort: z.enum(['new', 'hot', 'top']).default('new'),
    base_url: baseUrl.default('https://www.reddit.com'),
  })
  .strict();

/** `kind: html` — a web page without a feed, its entries found with CSS selectors. */
const htmlSource = z
  .object({
    ...common,
    kind: z.literal('html'),
    url: httpUrl,
    selectors: z
      .object({
        entry: z.string().min(1),
        title: z.string().min(1).optional(),
        link: z.string().min(1).optional(),
        date: z.string().min(1).optional(),
        summary: z.string().min(1).optional(),
      })
      .strict(),
    full_text: z.boolean().default(false),
  })
  .strict();

export const SUPPORTED_KINDS = ['feed', 'newsletter', 'mastodon', 'bluesky', 'youtube', 'reddit', 'html'] as const;

/** Kinds announced but not available in this version (none today). */
export const PLANNED_KINDS: readonly string[] = [];

const sourceUnion = z.discriminatedUnion('kind', [feedSource, newsletterSource, mastodonSource, blueskySource, youtubeSource, redditSource, htmlSource], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
    if (typeof kind === 'string' && (PLANNED_KINDS as readonly string[]).includes(kind)) {
      return `kind '${kind}' is not supported by this version yet (supported: ${SUPPORTED_KINDS.join(', ')})`;
    }
    return `unknown kind ${JSON.stringify(kind)} (supported: ${SUPPORTED_KINDS.join(', ')})`;
  },
});

export const sourceDeclSchema = sourceUnion.transform((s, ctx) => {
  if (s.topic && s.topics) {
    ctx.addIssue({ code: 'custom', message: 'give either topic or topics, not both', path: ['topics'] });
    return z.NEVER;
  }
  const topics = s.topics ?? (s.topic ? [s.topic] : []);
  const topicField = s.topics ? ('topics' as const) : ('topic' as const);
  return { ...s, topics, topicField };
});

export type TopicDecl = z.output<typeof topicDeclSchema>;
export type SourceDecl = z.output<typeof sourceDeclSchema>;
export type SourceKind = SourceDecl['kind'];
