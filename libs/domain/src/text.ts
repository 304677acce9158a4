/**
 * A label or heading inside a sentence: its first letter in lower case, except names that keep their
 * capitals wherever they stand (acronyms such as MASH, Idva and Marac, and Black as in "Black, Asian and racially minoritised").
 */
export function inSentence(label: string): string {
  return /^(?:[A-Z]{2,}\b|Idva\b|Maracs?\b|Black\b)/.test(label)
    ? label
    : label.charAt(0).toLowerCase() + label.slice(1);
}
