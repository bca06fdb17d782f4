/** An item as the radar sees it: what the replay reads from JSONL and the live worker from SQLite. */
export type RadarItem = {
  id?: string;
  /** `YYYY-MM-DD` or an ISO 8601 timestamp; only its UTC day matters. */
  date: string;
  title: string;
  text?: string;
  /** What counts as one independent voice (a feed, a site, a repository). */
  source: string;
  topics?: readonly string[];
  url?: string;
};

/** `id` is the item's id where it came from (the database id in the live radar). */
export type Example = { title: string; url?: string; source: string; date: string; id?: string };

/** One emerging topic, with the evidence a curator needs to check it in seconds. */
export type Suggestion = {
  label: string;
  /** Up to five normalised terms of the topic, strongest first. */
  terms: string[];
  score: number;
  /** Distinct sources (voices) carrying the topic's main term in the recent window. */
  sources: number;
  /** Distinct sources per day for the main term, oldest first, ending on the suggestion day. */
  counts: number[];
  /** Sources per day the baseline predicted for the main term (same unit as `counts`). */
  expected: number;
  /** Items carrying the main term in the recent window (one per headline, at most two per source and day). */
  items: number;
  /** Items the term's baseline (and its long memory) predicted for the window. */
  expectedItems: number;
  firstSeen: Example;
  /** The sources carrying it in the recent window (at most ten, most recent first). */
  carriers: string[];
  /** Topics the term reached in the window (when items carry topics). */
  topics: string[];
  /** Three to five representative items, from distinct sources where possible. */
  examples: Example[];
  /** One sentence saying why today. */
  why: string;
};

export type RadarOptions = {
  /** Days in the "recent" window compared with the baseline (default 7). */
  windowDays?: number;
  /** Days of baseline before the window (default 56). */
  baselineDays?: number;
  /** Minimum distinct sources for a term to be a candidate (default 3). */
  minSources?: number;
  /** Days shown in `counts` (default 28). */
  sparklineDays?: number;
  /** Minimum combined score for a suggestion to be shown at all (default 20, see scores.ts). */
  minScore?: number;
  /**
   * Groups sources that are one publisher (default: each source is its own voice), so that one
   * owner's many addresses cannot make a topic look widespread.
   */
  voiceOf?: (source: string) => string;
};

export type SuggestOptions = {
  top?: number;
  /** Terms a curator muted or dismissed: a topic whose main term is listed is skipped. */
  exclude?: ReadonlySet<string>;
};
