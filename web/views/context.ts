import type { Locale, Translate } from '../i18n/index.js';

/** A message left by the previous action (form posted without JavaScript), shown once. */
export interface Flash {
  ok: boolean;
  text: string;
}

/** What every page view receives. */
export interface ViewContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** Current path + query, to come back to after switching language. */
  path: string;
  user: { id: number; email?: string; name?: string | null; role: string; curator?: boolean } | null;
  /** Anti-CSRF token for forms, when signed in with a cookie. */
  csrf?: string | null;
  flash?: Flash | null;
}
