/**
 * URL helpers: resolving feed links to absolute http(s) URLs and the canonical form used to recognise the same
 * article (tracking parameters and fragment removed).
 */

// Exact parameter names added by newsletters, social networks and ad platforms; never part of an article's identity.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid', 's_cid', 'ncid', 'sr_share', 'cmpid',
  'ref_src', 'ref_url', 'spm', 'scm', 'wt.mc_id', 'wt_mc_id', 'at_medium', 'at_campaign', 'at_custom1',
  'at_custom2', 'at_custom3', 'at_custom4', 'guccounter', 'guce_referrer', 'guce_referrer_sig', '_ga', '_gl',
  'ga_source', 'ga_medium', 'ga_campaign', 'ga_content', 'ga_term', 'mbid', 'cvid', 'ocid', 'xtor', 'pk_campaign',
  'pk_kwd', 'pk_source', 'pk_medium', 'pk_content', 'piwik_campaign', 'piwik_kwd', 'matomo_campaign', 'mtm_campaign',
  'mtm_kwd', 'mtm_source', 'mtm_medium', 'mtm_content', 'mtm_cid', 'mtm_group', 'mtm_placement', 'itm_source',
  'itm_medium', 'itm_campaign', 'itm_content', 'itm_term', 'soc_src', 'soc_trk', 'fb_action_ids',
  'fb_action_types', 'fb_ref', 'fb_source', 'action_object_map', 'action_type_map', 'action_ref_map',
  'ito', 'cmp', 'campaign_id', 'ad_id', 'adset_id', 'trk', 'trkcampaign', 'sc_campaign', 'sc_channel',
  'sc_content', 'sc_medium', 'sc_outcome', 'sc_geo', 'sc_country',
]);
// Families known by prefix (utm_source, utm_medium, utm_id, utm_brand, hmb_*, …).
const TRACKING_PREFIXES = ['utm_', 'hmb_', 'pk_', 'mtm_', 'stm_', 'oly_', 'vgo_ee'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Only http(s) (and protocol-relative resolved to them) count as article or base URLs. */
function isWebUrl(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

/**
 * Resolves `href` against `base` (either may be null). Returns an absolute http(s) URL, the input unchanged
 * when it is relative and there is no usable base, or null for empty input and unsafe schemes.
 */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (href == null) return null;
  const h = href.trim();
  if (!h) return base ?? null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    if (isWebUrl(u)) return u.href;
    // Other schemes are kept only when they cannot run code (mailto:, urn:, tag:…).
    return /^(javascript|data|vbscript|file):/i.test(u.protocol) ? null : h;
  } catch {
    return /^(javascript|data|vbscript):/i.test(h) ? null : h;
  }
}

/** A base URL usable for resolution: absolute http(s), else null. */
export function usableBase(candidate: string | null | undefined, parent?: string | null): string | null {
  if (!candidate) return parent ?? null;
  try {
    const u = parent ? new URL(candidate.trim(), parent) : new URL(candidate.trim());
    return isWebUrl(u) ? u.href : (parent ?? null);
  } catch {
    return parent ?? null;
  }
}

/** `url` without tracking parameters and fragment (and with the default port and a bare `?` dropped), or null. */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!isWebUrl(u)) return null;
  u.hash = '';
  if (u.search) {
    const kept = [...u.searchParams].filter(([k]) => !isTracking(k));
    if (kept.length !== [...u.searchParams].length) {
      u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
    }
  }
  let out = u.href;
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}
