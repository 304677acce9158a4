/**
 * The one normaliser in front of every identifier pattern, and the tokens the patterns read.
 *
 * Identifiers are written in many ways: full-width digits from a phone keyboard, non-breaking
 * spaces from Word, en dashes, dots, brackets. The normaliser folds all of these to plain ASCII
 * so that each pattern has one spelling to look for; the tokeniser then splits the text into runs
 * of digits and runs of letters, remembering what separated them, so patterns can see through
 * separators without regular expressions that backtrack.
 */

/** Nothing past this many characters is ever read by a pattern; callers cap fields well below it. */
export const SCAN_LIMIT = 1000;

const FORMAT = /\p{Cf}/gu; // zero-width spaces and joiners, soft hyphens, direction marks
const SPACE = /\s/g; // every kind of space, tab and line break
const DASH = /[\p{Pd}\u2212\u2043\ufe63]/gu;
const DOT = /[\u00b7\u2022\u2024\u2027\u2219\u30fb\u3002]/g;
const SLASH = /[\u2044\u2215\u29f8]/g;
const QUOTE = /[\u2018\u2019\u201b\u2032]/g;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu; // Arabic-Indic, Devanagari and other scripts' digits
const IS_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<string, string>();

/** A decimal digit of another script as its ASCII digit: Unicode lays each script's 0–9 out in order. */
function asciiDigit(digit: string): string {
  let value = digitValues.get(digit);
  if (value === undefined) {
    let code = digit.codePointAt(0)!;
    let steps = 0;
    while (steps < 9 && IS_DIGIT.test(String.fromCodePoint(code - 1))) {
      code--;
      steps++;
    }
    value = String(steps);
    digitValues.set(digit, value);
  }
  return value;
}

/**
 * Text as the patterns see it: at most `limit` characters, Unicode NFKC (full-width and other
 * compatibility forms become ASCII), invisible characters removed, every space, dash, dot, slash
 * and apostrophe written one way, and every script's digits as 0–9.
 */
export function normaliseText(value: string, limit = SCAN_LIMIT): string {
  const capped = value.length > limit ? value.slice(0, limit) : value;
  return capped
    .normalize('NFKC')
    .replace(FORMAT, '')
    .replace(SPACE, ' ')
    .replace(DASH, '-')
    .replace(DOT, '.')
    .replace(SLASH, '/')
    .replace(QUOTE, "'")
    .replace(OTHER_DIGIT, asciiDigit);
}

/**
 * What separates a token from the one before it. None: nothing, a letter run straight after a digit
 * run ("TS24") or the first token. Join: only spaces, dots, dashes, slashes, brackets or
 * apostrophes, the separators identifiers are written with. Comma: as Join, with commas, colons or
 * semicolons too ("March 17, 1984"). Other: anything else ('@', '&', '_', '+', quotes, symbols).
 * Free text (see tokenise) also counts '_', and a comma between two digits, as Join.
 */
export const Gap = { None: 0, Join: 1, Comma: 2, Other: 3 } as const;

/** Runs of digits and of letters, held in typed arrays (which may be longer than `count`) so that a megabyte of input costs milliseconds. */
export interface Tokens {
  text: string;
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** 1 for a run of digits, 0 for a run of letters. */
  digits: Uint8Array;
  gap: Uint8Array;
  /** 1 when a '+' comes just before the token (an international dialling prefix). */
  plus: Uint8Array;
  /** 1 when the gap before holds a full stop and a space after a word longer than an initial: a sentence ends there. */
  sentence: Uint8Array;
  /** Read as free text (typed by people), not as a return cell: see tokenise. */
  free: boolean;
  /**
   * Free text only: 1 when the token is glued to the one before (a digit run straight after letters,
   * or the reverse) and that boundary counts as a separator, as in "NHS9434765919" or "Tel01429266522".
   */
  split: Uint8Array;
  /** Free text only: 1 for the tokens of a word of 32 or more hexadecimal characters (a keyed hash), which is never split. */
  hash: Uint8Array;
}

const DIGIT = 1;
const LETTER = 2;
const SEPARATOR = 3;
// Letters of any script (and their combining marks) belong to words; other symbols separate them.
const IS_LETTER = /^[\p{L}\p{M}]$/u;
const classes = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++)
  classes[c] = c >= 48 && c <= 57 ? DIGIT : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : SEPARATOR;

function classOf(code: number): number {
  const known = classes[code];
  if (known) return known;
  const kind =
    code >= 0xd800 && code <= 0xdfff ? SEPARATOR : IS_LETTER.test(String.fromCharCode(code)) ? LETTER : SEPARATOR;
  classes[code] = kind;
  return kind;
}

const gapKinds = new Uint8Array(128).fill(Gap.Other);
for (const c of " .-/()[]'") gapKinds[c.charCodeAt(0)] = Gap.Join;
for (const c of ',:;') gapKinds[c.charCodeAt(0)] = Gap.Comma;
const gapKind = (code: number) => (code < 128 ? gapKinds[code] : Gap.Other);
const isAsciiDigit = (code: number) => code >= 48 && code <= 57;
const isHex = (code: number) => isAsciiDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
/** A glued word this long made only of hexadecimal characters is a hash (a person key is 64), not words and numbers. */
const HASH_LENGTH = 32;

// Working arrays are reused from call to call (they grow, never shrink): checks run one at a time
// and keep nothing, and fresh memory for every call would cost more than the scan itself.
const pool = new Map<string, Int32Array | Uint8Array>();

/** A reusable array of at least n whole numbers, valid until the next request for the same name. */
export function scratchInts(name: string, n: number): Int32Array {
  let found = pool.get(name);
  if (!(found instanceof Int32Array) || found.length < n) pool.set(name, (found = new Int32Array(Math.max(n, 1024))));
  return found;
}

/** A reusable array of at least n bytes, the first n set to 0, valid until the next request for the same name. */
export function scratchBytes(name: string, n: number): Uint8Array {
  let found = pool.get(name);
  if (!(found instanceof Uint8Array) || found.length < n) pool.set(name, (found = new Uint8Array(Math.max(n, 1024))));
  return found.fill(0, 0, n);
}

/**
 * Splits normalised text into digit and letter runs in one pass. The result is valid until the
 * next call: use it straight away, as the identifier checks do.
 *
 * `free` reads the text as something a person typed (evidence, an action, a reason, a file name)
 * rather than a return cell. There identifiers are written glued to their labels or with odd
 * separators ("NHS9434765919", "Tel01429266522", "943_476_5919", "nhs:943,476,5919"), so a
 * boundary between letters and digits, an underscore, and a comma between two digits all count as
 * separators. Return cells are not read this way: a 64-character hexadecimal person key glues
 * letters and digits together by chance, and must never be split into numbers. In free text too,
 * a glued hexadecimal word of 32 characters or more is left whole, as a hash.
 */
export function tokenise(text: string, free = false): Tokens {
  const n = text.length;
  const t: Tokens = {
    text,
    count: 0,
    start: scratchInts('start', n),
    end: scratchInts('end', n),
    digits: scratchBytes('digits', n),
    gap: scratchBytes('gap', n),
    plus: scratchBytes('plus', n),
    sentence: scratchBytes('sentence', n),
    free,
    split: scratchBytes('split', n),
    hash: scratchBytes('hash', n),
  };
  let gap: number = Gap.None;
  let plus = 0;
  let sentence = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const kind = classOf(code);
    if (kind === SEPARATOR) {
      let separator = gapKind(code);
      // Free text: '_' joins ("943_476_5919"), and so does a comma between digits ("943,476,5919").
      if (
        free &&
        (code === 0x5f ||
          (code === 0x2c && i > 0 && isAsciiDigit(text.charCodeAt(i - 1)) && isAsciiDigit(text.charCodeAt(i + 1))))
      )
        separator = Gap.Join;
      if (separator > gap) gap = separator;
      if (code === 0x2b)
        plus = 1; // '+'
      else if (code !== 0x20 && code !== 0x28) plus = 0; // a space or '(' may sit between '+' and the digits
      // A full stop and a space end a sentence, unless they follow an initial ("J. Smith").
      if (
        code === 0x20 &&
        i > 0 &&
        text.charCodeAt(i - 1) === 0x2e &&
        t.count > 0 &&
        t.end[t.count - 1] - t.start[t.count - 1] > 1
      )
        sentence = 1;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && classOf(text.charCodeAt(j)) === kind) j++;
    const k = t.count++;
    t.start[k] = i;
    t.end[k] = j;
    t.digits[k] = kind === DIGIT ? 1 : 0;
    t.gap[k] = gap;
    t.plus[k] = plus;
    t.sentence[k] = sentence;
    gap = Gap.None;
    plus = 0;
    sentence = 0;
    i = j;
  }
  if (free) markGluedWords(t);
  return t;
}

/**
 * Free text: every glued word (runs with nothing between them) is either a hash, whose tokens are
 * marked `hash`, or letters and digits whose inner boundaries count as separators (`split`).
 * One pass over the tokens and, for the hex test, over the word's characters.
 */
function markGluedWords(t: Tokens): void {
  let first = 0;
  while (first < t.count) {
    let last = first;
    while (last + 1 < t.count && t.gap[last + 1] === Gap.None) last++;
    if (last > first) {
      let hex = t.end[last] - t.start[first] >= HASH_LENGTH;
      for (let c = t.start[first]; hex && c < t.end[last]; c++) hex = isHex(t.text.charCodeAt(c));
      if (hex) t.hash.fill(1, first, last + 1);
      else t.split.fill(1, first + 1, last + 1);
    }
    first = last + 1;
  }
}
