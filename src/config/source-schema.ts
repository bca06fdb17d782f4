import { z } from 'zod';

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use 1-64 lowercase letters, digits, - or _ (starting with a letter or digit)');

/** "30m", "2h", "1d", "90s" or a number of minutes → milliseconds. */
export const intervalSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = typeof v === 'number' ? [String(v), String(v), 'm'] : /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/.exec(v);
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

/** Kinds whose adapters arrive with later work; rejected with a clear message until then. */
export const PLANNED_KINDS = ['newsletter', 'mastodon', 'bluesky', 'youtube', 'reddit', 'html'] as const;

const sourceUnion = z.discriminatedUnion('kind', [feedSource], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
    if (typeof kind === 'string' && (PLANNED_KINDS as readonly string[]).includes(kind)) {
      return `kind '${kind}' is not supported by this version yet (supported: feed)`;
    }
    return `unknown kind ${JSON.stringify(kind)} (supported: feed)`;
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
