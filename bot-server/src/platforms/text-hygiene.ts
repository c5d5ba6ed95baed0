// Characters PostgreSQL cannot keep: NUL (text and jsonb refuse it, so the whole write fails) and a
// lone UTF-16 surrogate (jsonb refuses its escape; text silently turns it into U+FFFD). The API
// refuses input carrying them; what a platform has sealed and sent is kept with them removed,
// because refusing it would only make the platform deliver it again and again.

/** NUL, a high surrogate without its low half, or a low surrogate without its high half. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is precisely what this looks for.
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const everyUnstorable = new RegExp(unstorable.source, 'g');

/** True when `text` holds a character PostgreSQL cannot store as it is. */
export function hasUnstorable(text: string): boolean {
  return unstorable.test(text);
}

/** `text` without the characters PostgreSQL cannot store; everything else as it was. */
export function storableText(text: string): string {
  return text.replace(everyUnstorable, '');
}

/**
 * `value` with every string in it, object keys included, made storable: strings, arrays and plain
 * objects are rebuilt, anything else (numbers, dates, null) is kept as it is.
 */
export function storable<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [storableText(key), clean(v)]));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
