import { Gap, scratchBytes, scratchInts, type Tokens } from './identifier-text.js';

// Local copies of what the loops below read on every step: a module runner that turns imports into
// getters (as vitest's does) would otherwise make each read a function call.
const NONE: number = Gap.None;
const JOIN: number = Gap.Join;
const tokenLength = (t: Tokens, i: number) => t.end[i] - t.start[i];
const tokenText = (t: Tokens, i: number) => t.text.slice(t.start[i], t.end[i]);

/**
 * Each identifier as a small scanner over normalised text or its tokens (dates and names are in
 * identifier-dates.ts). None uses a regular expression that can backtrack: every loop either moves
 * forward through the text or is bounded by the identifier's own length, so the work is linear in
 * the length of the text.
 */

/** NHS numbers carry a modulus 11 check digit; only numbers that pass it are flagged. */
export function isNhsNumber(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < 9) sum += d * (10 - i);
    else return checkDigit(sum) === d;
  }
  return false;
}

/** The NHS check digit for the weighted sum of the first nine digits; 10 means no valid number. */
const checkDigit = (sum: number) => (11 - (sum % 11)) % 11;

const isLocalChar = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  (c !== 0x40 && c !== 0x20 && c > 0x20 && c < 0x7f && "!#$%&'*+-/=?^_`{|}~.".includes(String.fromCharCode(c)));
const isDomainChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x2d || c === 0x2e;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * An email address: something before an '@' (spaces around it allowed) and a domain with a dot and
 * a final label of two or more letters after it. The scan from each '@' stops at the next '@' or
 * space, so no character is read more than twice.
 */
export function hasEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let before = at - 1;
    while (before >= 0 && text.charCodeAt(before) === 0x20) before--;
    if (before < 0 || !isLocalChar(text.charCodeAt(before))) continue;
    let from = at + 1;
    while (from < text.length && text.charCodeAt(from) === 0x20) from++;
    if (domainEnd(text, from) !== -1) return true;
  }
  return false;
}

/**
 * Where a mail domain starting at `from` ends, when it has a dot and a final label of two or more
 * letters (a sentence's full stop after it is not part of it); -1 when there is none.
 */
function domainEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
  let to = end;
  while (to > from && (text.charCodeAt(to - 1) === 0x2e || text.charCodeAt(to - 1) === 0x2d)) to--;
  let dot = to - 1;
  while (dot > from && text.charCodeAt(dot) !== 0x2e) dot--;
  if (dot <= from || to - dot - 1 < 2) return -1;
  for (let c = dot + 1; c < to; c++) if (!isLetter(text.charCodeAt(c))) return -1;
  return end;
}

/** Words that come before "at" and a web address in what services write ("published at gov.uk"), never a mailbox. */
const NOT_MAILBOXES = new Set(
  'available online published posted found held kept stored shared seen read here there is are was were be information info guidance details more help support advice resources website site page link copy'.split(
    ' ',
  ),
);
const CLOSING: Record<number, number> = { 0x28: 0x29, 0x5b: 0x5d, 0x7b: 0x7d }; // ( ) [ ] { }

/**
 * An e-mail address with its '@' written out, as people do to get past filters: "jane(at)example.com",
 * "jane [at] example.com", "jane{at}example.com", or "jane at example.com" (a mailbox, then a domain
 * with a dot and a final label of two or more letters). The plain " at " form is not read before a
 * web address ("www.", or a path after the domain) or after a word such as "published" or
 * "available". Free text only. Each "at" is looked at once, and each scan stops at the next space
 * or bracket, so the work is linear.
 */
export function hasSpelledEmail(text: string): boolean {
  const n = text.length;
  for (let i = 1; i + 2 < n; i++) {
    if ((text.charCodeAt(i) | 0x20) !== 0x61 || (text.charCodeAt(i + 1) | 0x20) !== 0x74) continue; // "at"
    const open = text.charCodeAt(i - 1);
    const close = CLOSING[open];
    let before: number;
    let after: number;
    if (close !== undefined) {
      if (text.charCodeAt(i + 2) !== close) continue;
      before = i - 2;
      after = i + 3;
    } else if (open === 0x20 && text.charCodeAt(i + 2) === 0x20) {
      before = i - 2;
      after = i + 3;
    } else continue;
    while (before >= 0 && text.charCodeAt(before) === 0x20) before--;
    while (after < n && text.charCodeAt(after) === 0x20) after++;
    if (before < 0 || !isLocalChar(text.charCodeAt(before))) continue;
    const end = domainEnd(text, after);
    if (end === -1) continue;
    if (close === undefined) {
      if (text.charCodeAt(end) === 0x2f || text.slice(after, after + 4).toLowerCase() === 'www.') continue;
      let from = before;
      while (from > 0 && isLetter(text.charCodeAt(from - 1)) && before - from < 20) from--;
      if (NOT_MAILBOXES.has(text.slice(from, before + 1).toLowerCase())) continue;
    }
    return true;
  }
  return false;
}

/**
 * The token is not glued to a run before it (a letter run straight after digits, or the reverse), so
 * it starts a word; in free text a glued boundary counts as a word's edge too ("NHS9434765919").
 */
const startsWord = (t: Tokens, i: number) => i === 0 || t.gap[i] !== NONE || t.split[i] === 1;
/** The token is not glued to a run after it, so it ends a word (in free text, as startsWord). */
const endsWord = (t: Tokens, i: number) => i + 1 >= t.count || t.gap[i + 1] !== NONE || t.split[i + 1] === 1;

/** How many digits of a phone number or NHS number a window may hold at most. */
const MOST_DIGITS = 15;

/**
 * Ten digits in any grouping (3-3-4, 3-4-3, dotted, one by one) that pass the NHS check digit.
 * The digits are those of consecutive digit runs joined only by separators, standing as words of
 * their own: eleven digits in a row are not an NHS number, and nor are digits inside a hexadecimal
 * person key. Runs in `skip` (dates) are not read.
 *
 * Every run can start a candidate, and candidates overlap, so rather than re-reading ten digits for
 * each, the check sums come from running totals of all the digits (see weightedSum).
 */
export function hasNhsNumber(t: Tokens, skip?: Uint8Array): boolean {
  const sums = digitSums(t);
  for (let i = 0; i < t.count; i++) {
    if (!t.digits[i] || skip?.[i] || !startsWord(t, i)) continue;
    let n = 0;
    for (let j = i; j < t.count && t.digits[j] && !skip?.[j] && (j === i || t.gap[j] === JOIN); j++) {
      n += tokenLength(t, j);
      if (n > 10) break;
      if (n < 10 || !endsWord(t, j)) continue;
      const from = sums.offset[i];
      if (checkDigit(weightedSum(sums, from)) === sums.digit[from + 9]) return true;
      break;
    }
  }
  return false;
}

/** n modulo 11 for every n a running total can reach (10 + 10 × 9), looked up rather than divided. */
const MOD_11 = Uint8Array.from({ length: 101 }, (_, n) => n % 11);

/**
 * Every digit of the text in one stream (`digit`), where each digit run starts in it (`offset`),
 * and two running totals modulo 11: of the digits (`total`) and of each digit times its place
 * (`placed`). Made in one pass.
 */
function digitSums(t: Tokens) {
  const offset = scratchInts('offset', t.count);
  const size = t.text.length + 1;
  const digit = scratchBytes('digit', size);
  const total = scratchBytes('total', size);
  const placed = scratchBytes('placed', size);
  let m = 0;
  let place = 0; // m modulo 11
  for (let i = 0; i < t.count; i++) {
    offset[i] = m;
    if (!t.digits[i] || tokenLength(t, i) > 10) continue; // too long to be part of an NHS number
    for (let c = t.start[i]; c < t.end[i]; c++, m++) {
      const d = t.text.charCodeAt(c) - 48;
      digit[m] = d;
      total[m + 1] = MOD_11[total[m] + d];
      placed[m + 1] = MOD_11[placed[m] + place * d];
      place = place === 10 ? 0 : place + 1;
    }
  }
  return { offset, digit, total, placed };
}

/**
 * The NHS weighted sum (weights 10 down to 2) of the nine digits from `from`, modulo 11:
 * the sum over m of digit[m] × (10 + from − m) is (10 + from) × (sum of digits) − (sum of m × digit[m]).
 */
function weightedSum(sums: ReturnType<typeof digitSums>, from: number): number {
  const digits = (sums.total[from + 9] - sums.total[from] + 11) % 11;
  const placed = (sums.placed[from + 9] - sums.placed[from] + 11) % 11;
  return (((10 + from) % 11) * digits - placed + 11) % 11;
}

/**
 * UK phone numbers as 0…, +44…, 0044… or +44 (0)…, in any grouping, with brackets, spaces, dots
 * or dashes: after the prefix, 9 or 10 digits starting 1, 2 or 3 (landlines) or 7 (mobiles).
 */
export function hasPhone(t: Tokens, skip?: Uint8Array): boolean {
  const digits = new Uint8Array(MOST_DIGITS);
  for (let i = 0; i < t.count; i++) {
    if (!t.digits[i] || skip?.[i] || !startsWord(t, i)) continue;
    // In free text the country code may be written without its '+' ("44 7700 900123").
    const plus = t.plus[i] === 1 || t.free;
    let n = 0;
    for (let j = i; j < t.count && t.digits[j] && !skip?.[j] && (j === i || t.gap[j] === JOIN); j++) {
      if (n + tokenLength(t, j) > MOST_DIGITS) break;
      for (let c = t.start[j]; c < t.end[j]; c++) digits[n++] = t.text.charCodeAt(c) - 48;
      const verdict = phoneVerdict(digits, n, plus);
      if (verdict === FOUND && endsWord(t, j)) return true;
      if (verdict === NEVER) break;
    }
  }
  return false;
}

const FOUND = 1;
const MAYBE = 0;
const NEVER = -1;

/** Whether the first `n` digits are a UK number, could still become one with more digits, or never can. */
function phoneVerdict(d: Uint8Array, n: number, plus: boolean): number {
  let from: number; // where the number after the country code or trunk 0 starts
  if (d[0] === 0 && (n < 2 || d[1] !== 0)) from = 1;
  else if (d[0] === 0) {
    if ((n > 2 && d[2] !== 4) || (n > 3 && d[3] !== 4)) return NEVER;
    from = 4;
  } else if (plus && d[0] === 4) {
    if (n > 1 && d[1] !== 4) return NEVER;
    from = 2;
  } else return NEVER;
  if (from > 1 && n > from && d[from] === 0) from++; // +44 (0)20 …
  if (n <= from) return MAYBE;
  if (d[from] !== 1 && d[from] !== 2 && d[from] !== 3 && d[from] !== 7) return NEVER;
  return n - from === 9 || n - from === 10 ? FOUND : n - from < 9 ? MAYBE : NEVER;
}

/**
 * Free text: where in token i the last `letters` letters start when they are glued to the digits
 * after them, or -1. Identifiers are typed straight after a label ("NIAB123456C",
 * "postcodeTS248AB"), so the letters that begin one may end a longer word.
 */
function gluedTail(t: Tokens, i: number, letters: number): number {
  if (i + 1 >= t.count || !t.split[i + 1] || t.digits[i] || tokenLength(t, i) <= letters) return -1;
  const from = t.end[i] - letters;
  for (let c = from; c < t.end[i]; c++) if (!isLetter(t.text.charCodeAt(c))) return -1;
  return from - t.start[i];
}

/** Token i is a run of `least` to `most` ASCII letters. */
function isAsciiWord(t: Tokens, i: number, least: number, most: number): boolean {
  if (i < 0 || i >= t.count || t.digits[i]) return false;
  const length = tokenLength(t, i);
  if (length < least || length > most) return false;
  for (let c = t.start[i]; c < t.end[i]; c++) if (!isLetter(t.text.charCodeAt(c))) return false;
  return true;
}
/** The upper-case letter code at position k of token i (for ASCII letters). */
const upperAt = (t: Tokens, i: number, k: number) => t.text.charCodeAt(t.start[i] + k) & 0xdf;
/** A set of capital letters as bits, so a letter is checked without making a string. */
const letterBits = (letters: string) => [...letters].reduce((bits, l) => bits | (1 << (l.charCodeAt(0) - 65)), 0);
const inLetters = (bits: number, code: number) => (bits & (1 << (code - 65))) !== 0;
/**
 * HMRC never allocates D, F, I, Q, U or V first or D, F, I, O, Q, U or V second; that also keeps
 * everyday words such as "of", "in", "to" and "up" from starting a match. QQ, the prefix of
 * sample numbers in HMRC guidance, is flagged all the same.
 */
const NI_NOT_FIRST = letterBits('DFIQUV');
const NI_NOT_SECOND = letterBits('DFIOQUV');
const NI_SUFFIX = letterBits('ABCD');
const Q = 81;

function niPrefix(t: Tokens, i: number, at: number): boolean {
  const first = upperAt(t, i, at);
  const second = upperAt(t, i, at + 1);
  return (first === Q && second === Q) || (!inLetters(NI_NOT_FIRST, first) && !inLetters(NI_NOT_SECOND, second));
}

/** National Insurance numbers: two letters, six digits in any grouping, a final A–D, with any separators; in free text also glued to a label. */
export function hasNiNumber(t: Tokens): boolean {
  for (let i = 0; i < t.count; i++) {
    const at = isAsciiWord(t, i, 2, 2) && startsWord(t, i) ? 0 : t.free ? gluedTail(t, i, 2) : -1;
    if (at < 0 || !niPrefix(t, i, at)) continue;
    let digits = 0;
    let j = i + 1;
    while (j < t.count && t.digits[j] && t.gap[j] <= JOIN && digits + tokenLength(t, j) <= 6)
      digits += tokenLength(t, j++);
    if (
      digits === 6 &&
      isAsciiWord(t, j, 1, 1) &&
      t.gap[j] <= JOIN &&
      inLetters(NI_SUFFIX, upperAt(t, j, 0)) &&
      endsWord(t, j)
    )
      return true;
  }
  return false;
}

/** The postcode areas of the UK and Crown dependencies, as letter codes: only these can start a postcode. */
const areaCode = (first: number, second: number) => (first << 8) | second;
const POSTCODE_AREAS = new Set(
  (
    'AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG ' +
    'HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG ' +
    'SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  )
    .split(' ')
    .map((area) => areaCode(area.charCodeAt(0), area.length === 2 ? area.charCodeAt(1) : 0)),
);
// After the area: the district's digit and optional digit or letter, then the inward code (which never uses C, I, K, M, O or V).
const INWARD_LETTERS = letterBits('ABDEFGHJLNPQRSTUWXYZ');
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isInwardLetter = (c: number) => isLetter(c) && inLetters(INWARD_LETTERS, c & 0xdf);
/** The characters after a postcode's area, separators left out, are /^\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2}$/i (checked without building a string). */
function isPostcodeRest(c: Int32Array, n: number): boolean {
  if (n !== 4 && n !== 5) return false;
  if (!isDigitCode(c[0]) || !isDigitCode(c[n - 3]) || !isInwardLetter(c[n - 2]) || !isInwardLetter(c[n - 1]))
    return false;
  return n === 4 || isDigitCode(c[1]) || isLetter(c[1]);
}
const ORDINAL = /^(st|nd|rd|th)$/;
const rest = new Int32Array(5);

const isArea = (t: Tokens, i: number, at: number, letters: number) =>
  at >= 0 && POSTCODE_AREAS.has(areaCode(upperAt(t, i, at), letters === 2 ? upperAt(t, i, at + 1) : 0));

/** Full postcodes, with or without the space (or with any separators), in either case; in free text also glued to a label ("postcodeTS248AB"). */
export function hasPostcode(t: Tokens): boolean {
  for (let i = 0; i < t.count; i++) {
    if (isAsciiWord(t, i, 1, 2) && startsWord(t, i)) {
      if (!isArea(t, i, 0, tokenLength(t, i))) continue;
    } else if (!t.free || !(isArea(t, i, gluedTail(t, i, 2), 2) || isArea(t, i, gluedTail(t, i, 1), 1))) continue;
    let n = 0;
    for (let j = i + 1; j < t.count && t.gap[j] <= JOIN && n + tokenLength(t, j) <= 5; j++) {
      for (let c = t.start[j]; c < t.end[j]; c++) rest[n++] = t.text.charCodeAt(c);
      if (!isPostcodeRest(rest, n) || !endsWord(t, j)) continue;
      // "B2 3rd" is an ordinal in a sentence, not the inward code 3RD.
      const ordinal =
        tokenLength(t, j) === 2 &&
        ORDINAL.test(tokenText(t, j)) &&
        tokenLength(t, j - 1) === 1 &&
        t.gap[j - 1] !== NONE &&
        t.gap[j] === NONE;
      if (!ordinal) return true;
    }
  }
  return false;
}
