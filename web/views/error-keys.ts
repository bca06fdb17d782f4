/** API error codes said in the reader's language: used by /act (no JavaScript) and, through the page, by app.js. */
export const ERROR_KEYS: Record<string, string> = {
  unauthenticated: 'error.signIn',
  forbidden: 'error.forbidden',
  csrf: 'error.csrf',
  invalid_credentials: 'error.login',
  rate_limited: 'error.rateLimited',
  no_feed: 'error.noFeed',
  unreachable: 'error.unreachable',
  invalid_request: 'error.invalid',
  not_found: 'error.gone',
};
