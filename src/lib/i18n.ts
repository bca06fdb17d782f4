/**
 * What domain code needs of the interface language: a translator per locale and a date formatter. The catalogues
 * live in web/i18n; the composition root (src/deps.ts) and the HTTP layer pass an implementation in, so domain
 * modules (digests, republication) never import web/.
 */
export type Locale = 'fr' | 'en';
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface I18n {
  translator(locale: Locale): Translate;
  formatDate(locale: Locale, ms: number, timeZone: string, withTime?: boolean): string;
}
