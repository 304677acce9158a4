/**
 * A label or heading inside a sentence: its first letter in lower case, except names that keep their
 * capitals wherever they stand (acronyms such as MASH, Idva and Marac, and Black as in "Black, Asian and racially minoritised").
 */
export function inSentence(label: string): string {
  return /^(?:[A-Z]{2,}\b|Idva\b|Maracs?\b|Black\b|SafeLives\b)/.test(label)
    ? label
    : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Any value as text, exactly as String() writes it, with each kind spelt out so that no object is
 * turned into text by accident: text as it is; numbers, yes/no and big integers in their usual form;
 * a date in its long form; a list as its items joined by commas. Any other object (only a JSON file or
 * a query can hold one) gives its own text, "[object Object]" for a plain one, which then matches no
 * code, number or pattern.
 */
export function asText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    default:
      if (value === null) return 'null';
      if (Array.isArray(value))
        return value.map((v: unknown) => (v === null || v === undefined ? '' : asText(v))).join(',');
      if (value instanceof Date) return value.toString();
      return ownText(value as object);
  }
}

/**
 * An object's own text, or "[object Object]" when it has none that works: a JSON cell such as
 * {"toString": 1} makes String() throw, and must read as text that matches nothing, not fail.
 */
function ownText(value: object): string {
  const own = (value as { toString?: unknown }).toString;
  if (typeof own === 'function') {
    try {
      const text: unknown = own.call(value);
      if (typeof text === 'string') return text;
    } catch {
      // falls through to the plain description
    }
  }
  return Object.prototype.toString.call(value);
}
