/** Who is asking, as every permission check sees it. */
export type GlobalRole = 'admin' | 'curator' | 'member';
export type TopicRole = 'curator' | 'member';

export interface Membership {
  /** null = every topic of the network. */
  topicId: number | null;
  role: TopicRole;
}

export interface AuthUser {
  id: number;
  email: string;
  displayName: string;
  role: GlobalRole;
  memberships: Membership[];
  /** How the request authenticated: a cookie session (needs CSRF on writes) or a bearer token. */
  via: 'session' | 'token';
  /** Tokens are scoped; sessions can do whatever the role allows. */
  scope: 'read' | 'curate' | 'all';
  sessionId: number | null;
  tokenId: number | null;
  csrfToken: string | null;
}

/** A user as the API shows it (never the password hash). */
export interface PublicUser {
  id: number;
  email: string;
  displayName: string;
  role: GlobalRole;
  memberships: { topic: string | null; role: TopicRole }[];
  createdAt: string;
}

/** An expected failure of an account operation, mapped to HTTP statuses in one place (http/routes). */
export type AccountFailure = { ok: false; code: string; message: string; field?: string };

export type TokenScope = 'read' | 'curate';

export interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
