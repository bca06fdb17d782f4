/** Two independent readings of every feed: rss-parser (what readers use) and a strict XML parser / JSON Schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';

export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const rss = new Parser({ customFields: { feed: [], item: [] } });

export async function readWithRssParser(xml: string) {
  return rss.parseString(xml);
}

/** Strict well-formedness check, then a tree with attributes (prefix @_) and text (#text). */
export function readStrictXml(xml: string): any {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['item', 'entry', 'link', 'category', 'url'].includes(name), processEntities: true, htmlEntities: false, parseTagValue: false, trimValues: false }).parse(xml);
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'publish', 'jsonfeed-1.1.schema.json'), 'utf8'));
const validateJsonFeed = ajv.compile(schema);

export function readJsonFeed(text: string): any {
  const doc = JSON.parse(text);
  if (!validateJsonFeed(doc)) throw new Error(`JSON Feed 1.1 schema: ${ajv.errorsText(validateJsonFeed.errors)}`);
  return doc;
}

/** What a hostile string must read back as: the same text without the characters XML cannot carry. */
export function expectedText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}
