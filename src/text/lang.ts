/** "fr-FR", "FR_ca", "fr" → "fr"; anything that is not a language tag → null. Both backends filter on this. */
export function primaryLang(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*\s*$/.exec(tag);
  return m ? m[1]!.toLowerCase() : null;
}
