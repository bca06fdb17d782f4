/** The events channels can subscribe to, and which ones each kind of channel may take. */
export const EVENTS = ['item.approved', 'item.unpublished', 'flag.created', 'flag.confirmed', 'radar.suggested', 'alert.matched', 'digest.issued'] as const;
export type OutboundEvent = (typeof EVENTS)[number];

/** Cross-posting accounts only take what the topic republishes. */
const SOCIAL_EVENTS: readonly string[] = ['item.approved', 'item.unpublished'];
export const isSocial = (kind: string) => kind === 'mastodon' || kind === 'bluesky';
export const defaultEvents = (kind: string): OutboundEvent[] => (isSocial(kind) ? ['item.approved', 'item.unpublished'] : ['item.approved', 'flag.confirmed', 'radar.suggested', 'digest.issued']);
export const eventsAllowed = (kind: string, events: readonly string[]) => !isSocial(kind) || events.every((e) => SOCIAL_EVENTS.includes(e));
