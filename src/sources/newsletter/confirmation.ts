/**
 * Sign-up confirmations ("please confirm your subscription"): not news, but a link a curator must click once so
 * the network's address starts receiving the newsletter. Recognised by subject or text plus a confirmation link.
 */
import type { Link } from './strip-links.js';

const CONFIRM_WORDS = /confirm|verif|validat|activat|double opt|opt-?in|confirmez|confirmer|confirmation|valider|validez|activez|bestätig|confirma/i;
const SUBSCRIPTION_WORDS = /subscri|abonne|abonnement|inscri|newsletter|lettre d.information|mailing list|liste de diffusion|e-?mail address|adresse (e-?mail|électronique|mail)|anmeldung|suscrip/i;
const CONFIRM_LINK = /confirm|verif|activat|valid|opt-?in|bestätig|subscribe\/(confirm|verify)|\/c\/|token=/i;

export function findConfirmationLink(subject: string, bodyText: string, links: Link[]): string | null {
  const head = `${subject}\n${bodyText.slice(0, 3000)}`;
  if (!CONFIRM_WORDS.test(head) || !SUBSCRIPTION_WORDS.test(head)) return null;
  const byText = links.find((l) => CONFIRM_WORDS.test(l.text) && !/unsubscri|désinscri|desinscri/i.test(l.text));
  if (byText) return byText.url;
  const byUrl = links.find((l) => CONFIRM_LINK.test(l.url) && !/unsubscri/i.test(l.url));
  if (byUrl) return byUrl.url;
  // A short message whose subject asks for confirmation and that carries a single link: that link.
  return links.length === 1 && CONFIRM_WORDS.test(subject) ? links[0]!.url : null;
}
