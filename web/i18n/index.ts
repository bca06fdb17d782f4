import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Catalogue = Record<string, string>;
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

let catalogues: Record<Locale, Catalogue> | null = null;

/** The French and English catalogues (web/i18n/*.json), read once. */
export function loadCatalogues(): Record<Locale, Catalogue> {
  catalogues ??= Object.fromEntries(
    LOCALES.map((l) => [l, JSON.parse(readFileSync(join(packageRoot(), 'web', 'i18n', `${l}.json`), 'utf8')) as Catalogue]),
  ) as Record<Locale, Catalogue>;
  return catalogues;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** `t(key, vars)` for one locale; a missing key shows the key itself, so a gap is visible, never blank. */
export function translator(locale: Locale): Translate {
  const cat = loadCatalogues()[locale];
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars) => {
    const text = cat[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? (typeof vars[k] === 'number' ? numbers.format(vars[k]) : String(vars[k])) : m)) : text;
  };
}

/** Picks the first supported language of an Accept-Language header, by quality. */
export function negotiateLocale(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag!.trim().toLowerCase().split('-')[0]!, q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? null;
}

/** Formatters by locale, time zone and style: building an Intl.DateTimeFormat costs far more than using one. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(locale: Locale, ms: number, timeZone: string, withTime = true): string {
  const key = `${locale}|${timeZone}|${withTime ? 1 : 0}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    // Time zones come from configuration and user preferences: a handful, but never let the cache grow unbounded.
    if (dateFormats.size > 200) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format.format(ms);
}
