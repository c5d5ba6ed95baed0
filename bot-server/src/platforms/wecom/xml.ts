// XML in and out of WeCom callbacks. The envelope is parsed before its signature can be checked,
// so parsing must be safe against anyone on the internet: bounded size and depth, no DTD, no
// entity expansion, and every value kept as the string WeCom sent (MsgId exceeds 2^53).
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { WeComMalformedError, WeComPayloadTooLargeError, WeComXmlEntityError } from './errors.js';

/** Far above any WeCom callback (a text message is ≤2048 bytes); an approval event is the largest. */
export const DEFAULT_MAX_XML_BYTES = 256 * 1024;

const CDATA_PROP = '#cdata';
const MAX_DEPTH = 20;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Numbers stay strings: MsgId and SpNo exceed Number.MAX_SAFE_INTEGER.
  parseTagValue: false,
  // Trims only text outside CDATA, so the newlines between elements vanish and CDATA stays verbatim.
  trimValues: true,
  // With DTDs refused up front only the five predefined XML entities remain, which cannot expand.
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: MAX_DEPTH,
});

const builder = new XMLBuilder({ cdataPropName: CDATA_PROP, format: false, suppressEmptyNode: false });

const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const COMMENT = /<!--[\s\S]*?-->/g;
const DTD_MARKUP = /<!(DOCTYPE|ENTITY)/i;

export type XmlObject = Record<string, unknown>;

/**
 * Parses a WeCom `<xml>…</xml>` document into the object under its root.
 * Throws WeComPayloadTooLargeError, WeComXmlEntityError or WeComMalformedError.
 */
export function parseXml(text: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlObject {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new WeComPayloadTooLargeError(bytes, maxBytes);
  // A user may type "<!DOCTYPE" into a chat message; inside CDATA it is text, not markup.
  if (DTD_MARKUP.test(text.replace(CDATA_SECTION, '').replace(COMMENT, ''))) throw new WeComXmlEntityError();
  if (XMLValidator.validate(text) !== true) throw new WeComMalformedError('body is not well-formed XML');
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch {
    // The parser also refuses names such as __proto__ and nesting deeper than MAX_DEPTH.
    throw new WeComMalformedError('body is not acceptable XML');
  }
  if (!isXmlObject(document) || Object.keys(document).length !== 1 || !isXmlObject(document.xml)) {
    throw new WeComMalformedError('root element is not <xml>');
  }
  return document.xml;
}

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Marks a value to be written as CDATA, the way WeCom writes every free-text field. */
export function cdata(text: string): XmlObject {
  return { [CDATA_PROP]: text };
}

/**
 * `<xml>…</xml>` from an object: strings become escaped text, `cdata()` values CDATA sections
 * (a `]]>` inside is split safely), nested objects elements, arrays repeated elements.
 */
export function buildXml(content: XmlObject): string {
  return builder.build({ xml: content });
}
