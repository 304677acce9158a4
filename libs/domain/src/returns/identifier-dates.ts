import { Gap, scratchBytes, scratchInts, type Tokens } from './identifier-text.js';

/**
 * Full dates, and the two things that make a date in free text a date of birth: a label beside
 * it, or a name. Scanners over tokens, like those in identifier-patterns.ts, linear in the text.
 */

// Local copies of what the loops below read on every step (see identifier-patterns.ts).
const NONE: number = Gap.None;
const COMMA: number = Gap.Comma;
const tokenLength = (t: Tokens, i: number) => t.end[i] - t.start[i];
const tokenText = (t: Tokens, i: number) => t.text.slice(t.start[i], t.end[i]);

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const threeLetters = (a: number, b: number, c: number) => ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
const MONTH_BY_PREFIX = new Map(
  MONTH_NAMES.map((name, index) => [threeLetters(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2)), index]),
);

/** The month (1 to 12) that token i names in full or as Jan, Feb…, Sept; 0 if none. Reads the text without copying it. */
function monthOf(t: Tokens, i: number): number {
  const length = tokenLength(t, i);
  if (t.digits[i] || length < 3 || length > 9) return 0;
  const at = t.start[i];
  const index = MONTH_BY_PREFIX.get(
    threeLetters(t.text.charCodeAt(at), t.text.charCodeAt(at + 1), t.text.charCodeAt(at + 2)),
  );
  if (index === undefined) return 0;
  if (length === 3 || (index === 8 && length === 4 && (t.text.charCodeAt(at + 3) | 0x20) === 0x74)) return index + 1; // Mar, Sept
  const name = MONTH_NAMES[index];
  if (length !== name.length) return 0;
  for (let k = 3; k < length; k++) if ((t.text.charCodeAt(at + k) | 0x20) !== name.charCodeAt(k)) return 0;
  return index + 1;
}

/**
 * The full dates found in a text, in typed arrays (a megabyte of dates would otherwise be a
 * hundred thousand objects): for date k, its first and last tokens and when it is (yyyymmdd);
 * `inDate` marks every token that belongs to one. Valid until fullDates is next called.
 */
export interface Dates {
  count: number;
  first: Int32Array;
  last: Int32Array;
  when: Int32Array;
  inDate: Uint8Array;
}

/** The lower-case text of token i when it is a short run of letters (so a megabyte-long word is never copied). */
const shortWord = (t: Tokens, i: number, most: number) =>
  i >= 0 && i < t.count && !t.digits[i] && tokenLength(t, i) <= most ? tokenText(t, i).toLowerCase() : '';

// What part of a date each token could be (several at once: "12" is a day, a month and a year).
const DAY = 1;
const MONTH = 2; // a number from 1 to 12, or a month's name (the value is then the month's number)
const YEAR = 4; // two digits, or four from 1000
const SUFFIX = 8; // st, nd, rd, th
const OF = 16;
const MONTH_NAME = 32;

const pairCode = (word: string) => (word.charCodeAt(0) << 8) | word.charCodeAt(1);
const SUFFIXES = new Set(['st', 'nd', 'rd', 'th'].map(pairCode));
const PAIR_OF = pairCode('of');

/** Classifies every token once, so that finding dates reads two small arrays instead of the text. */
function dateParts(t: Tokens): { parts: Uint8Array; values: Int32Array } {
  const parts = scratchBytes('parts', t.count);
  const values = scratchInts('values', t.count);
  for (let i = 0; i < t.count; i++) {
    const length = tokenLength(t, i);
    if (t.hash[i]) continue; // "17dec84" inside a keyed hash is not a date
    if (t.digits[i]) {
      if (length > 4) continue;
      let value = 0;
      for (let c = t.start[i]; c < t.end[i]; c++) value = value * 10 + t.text.charCodeAt(c) - 48;
      values[i] = value;
      if (length <= 2 && value >= 1 && value <= 31) parts[i] |= DAY;
      if (length <= 2 && value >= 1 && value <= 12) parts[i] |= MONTH;
      if (length === 2 || (length === 4 && value >= 1000)) parts[i] |= YEAR;
    } else if (length === 2) {
      // Read as two lower-case letter codes, so the commonest short words cost no copying.
      const pair = ((t.text.charCodeAt(t.start[i]) | 0x20) << 8) | (t.text.charCodeAt(t.start[i] + 1) | 0x20);
      if (SUFFIXES.has(pair)) parts[i] = SUFFIX;
      else if (pair === PAIR_OF) parts[i] = OF;
    } else {
      const month = monthOf(t, i);
      if (month) {
        parts[i] = MONTH | MONTH_NAME;
        values[i] = month;
      }
    }
  }
  return { parts, values };
}

/** Token i could be the given part of a date. */
const isPart = (t: Tokens, parts: Uint8Array, i: number, part: number) => i < t.count && (parts[i] & part) !== 0;
/** Token i is joined to the one before by separators a date may use. */
const linked = (t: Tokens, i: number) => i < t.count && t.gap[i] <= COMMA;
/** The token after a day at token i, skipping an ordinal ending glued to it ("17th"). */
const afterDay = (t: Tokens, parts: Uint8Array, i: number) =>
  isPart(t, parts, i + 1, SUFFIX) && t.gap[i + 1] === NONE ? i + 2 : i + 1;

/** The token stands as a word of its own (in free text, a glued boundary counts as its edge: "DOB17031984"). */
const standsAlone = (t: Tokens, i: number) =>
  (i === 0 || t.gap[i] !== NONE || t.split[i] === 1) &&
  (i + 1 >= t.count || t.gap[i + 1] !== NONE || t.split[i + 1] === 1);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * Free text: eight digits standing alone that are a real calendar date written ddmmyyyy
 * ("17031984"), from 1900 to this year; its yyyymmdd, or 0.
 */
function packedDate(t: Tokens, i: number, thisYear: number): number {
  if (!t.digits[i] || tokenLength(t, i) !== 8 || !standsAlone(t, i)) return 0;
  const at = t.start[i];
  const number = (from: number, length: number) => {
    let value = 0;
    for (let c = at + from; c < at + from + length; c++) value = value * 10 + t.text.charCodeAt(c) - 48;
    return value;
  };
  const day = number(0, 2);
  const month = number(2, 2);
  const year = number(4, 4);
  if (
    year < 1900 ||
    year > thisYear ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > DAYS_IN_MONTH[month - 1] ||
    (month === 2 && day === 29 && !isLeap(year))
  )
    return 0;
  return year * 10000 + month * 100 + day;
}

function addDate(dates: Dates, first: number, last: number, year: number, month: number, day: number): number {
  const k = dates.count++;
  dates.first[k] = first;
  dates.last[k] = last;
  dates.when[k] = year * 10000 + month * 100 + day;
  dates.inDate.fill(1, first, last + 1);
  return last;
}

/**
 * Every full date in common UK and ISO forms: 17/03/1984, 17.03.84, 17-3-1984, 17 March 1984,
 * 17th of Mar 1984, March 17, 1984, 1984-03-17 (and a US 03/17/1984 when the day shows it); in
 * free text also eight digits that make a real date as ddmmyyyy (17031984).
 * Two-digit years are read as the most recent such year that is not in the future.
 */
export function fullDates(t: Tokens, thisYear = new Date().getUTCFullYear()): Dates {
  const { parts, values } = dateParts(t);
  const most = t.free ? t.count + 1 : Math.ceil(t.count / 3) + 1; // a date takes at least three tokens, or one packed
  const dates: Dates = {
    count: 0,
    first: scratchInts('first', most),
    last: scratchInts('last', most),
    when: scratchInts('when', most),
    inDate: scratchBytes('inDate', t.count),
  };
  const year = (i: number) =>
    tokenLength(t, i) === 4 ? values[i] : 2000 + values[i] <= thisYear ? 2000 + values[i] : 1900 + values[i];
  for (let i = 0; i < t.count; i++) {
    const packed = t.free ? packedDate(t, i, thisYear) : 0;
    if (packed) {
      addDate(dates, i, i, Math.floor(packed / 10000), Math.floor(packed / 100) % 100, packed % 100);
      continue;
    }
    // Whatever the order, the token after a date's first is part of a date too.
    if (!parts[i] || i + 1 >= t.count || !parts[i + 1]) continue;
    if (parts[i] & DAY) {
      // 17 March 1984, 17/03/1984, 17th of March 1984
      let m = afterDay(t, parts, i);
      if (isPart(t, parts, m, OF) && linked(t, m)) m++;
      if (isPart(t, parts, m, MONTH) && linked(t, m) && isPart(t, parts, m + 1, YEAR) && linked(t, m + 1)) {
        i = addDate(dates, i, m + 1, year(m + 1), values[m], values[i]);
        continue;
      }
      // Month first, as in the US: 03/17/1984 (only when the day shows it)
      const usDay = isPart(t, parts, i + 1, DAY) && !isPart(t, parts, i + 1, MONTH);
      if (usDay && parts[i] & MONTH && linked(t, i + 1) && isPart(t, parts, i + 2, YEAR) && linked(t, i + 2)) {
        i = addDate(dates, i, i + 2, year(i + 2), values[i], values[i + 1]);
        continue;
      }
    }
    // 1984-03-17, 1984 Mar 17
    if (
      parts[i] & YEAR &&
      tokenLength(t, i) === 4 &&
      isPart(t, parts, i + 1, MONTH) &&
      linked(t, i + 1) &&
      isPart(t, parts, i + 2, DAY) &&
      linked(t, i + 2)
    ) {
      i = addDate(dates, i, afterDay(t, parts, i + 2) - 1, values[i], values[i + 1], values[i + 2]);
      continue;
    }
    // March 17 1984, March 17th, 1984
    if (parts[i] & MONTH_NAME && isPart(t, parts, i + 1, DAY) && linked(t, i + 1)) {
      const y = afterDay(t, parts, i + 1);
      if (isPart(t, parts, y, YEAR) && linked(t, y)) i = addDate(dates, i, y, year(y), values[i], values[i + 1]);
    }
  }
  return dates;
}

const LABELS = new Set(['dob', 'born', 'birth', 'birthday', 'bday']);
/**
 * Lower-case words that are not names: the words sentences are made of and those services use
 * about their own work. Two lower-case words near an old date are read as a name ("jane smith
 * 17/03/2005") unless one of them is here or in NOT_NAMES.
 */
const COMMON_WORDS = new Set(
  (
    'a about after again against all also am an and any are as at away back be because been before being below between both but by can ' +
    'could did do does done down during each every few for from further had has have having he her here hers him his how i if in into is ' +
    'it its just last less made may me more most much must my new next no nor not now of off old on once one only or other our out over own ' +
    'per same she should since so some such than that the their them then there these they this those through to too two under until up ' +
    'upon us very was we were what when where which while who whom why will with within without would yet you your ' +
    'age aged agreed approved adopted asked attended began booked checked closed completed confirmed dated delivered discussed due ended ' +
    'first given held issued kept launched met noted opened ordered printed published received recorded referred renewed reviewed seen ' +
    'sent shared signed started submitted trained updated visited written ' +
    'date dates evidence file files copies leaflet leaflets poster posters record records staff copy case cases client clients ' +
    'people person patient patients referral referrals review reviews visit visits appointment appointments'
  ).split(' '),
);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
/**
 * Capitalised words that are not names: what evidence and actions talk about. A run of capitalised
 * words containing any of these is read as a title ("Steering Group", "Policy Review"), not a person.
 */
const NOT_NAMES = new Set(
  (
    'act action adult agenda aid alcohol annual appendix audit authority board borough care centre children city clinic committee council county ' +
    'court dash day district domestic draft drug edition final forum framework group guidance health hospital housing idva isva lives local ' +
    'marac mash meeting mental minutes misuse month nhs notes office panel part partnership phase plan police policy probation procedure ' +
    'programme project protocol quarter refuge report review ric safe safelives section service services session social standard standards ' +
    'steering strategy substance team training trust unit update version visit week women year ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

function isNameWord(t: Tokens, i: number): boolean {
  const lower = shortWord(t, i, 30);
  if (!lower || NOT_NAMES.has(lower) || monthOf(t, i)) return false;
  const word = tokenText(t, i);
  const upper = word.toUpperCase();
  const titleCase = word[0] === upper[0] && word[0] !== lower[0] && word.slice(1) === lower.slice(1);
  return titleCase || (word === upper && word !== lower); // Jane, J, JANE
}

/** How many name words run from token i in direction `step` (a title such as Mrs counts double: "Mrs Smith" names someone). */
function nameLength(t: Tokens, i: number, step: 1 | -1): number {
  let words = 0;
  for (let k = i; k >= 0 && k < t.count && words < 4; k += step) {
    const title = TITLES.has(shortWord(t, k, 4));
    if (!title && !isNameWord(t, k)) break;
    words += title ? 2 : 1;
    const gap = step === 1 ? k + 1 : k; // the gap between this word and the next one along
    if (gap <= 0 || gap >= t.count || t.gap[gap] > COMMA || (t.sentence[gap] && !TITLES.has(shortWord(t, gap - 1, 4))))
      break;
  }
  return words;
}

/** A word that could be part of a name in free text: a capitalised name word or title, or a lower-case word that is not a common one. */
function nameLike(t: Tokens, i: number): boolean {
  if (i < 0 || i >= t.count || t.digits[i]) return false;
  if (isNameWord(t, i) || TITLES.has(shortWord(t, i, 4))) return true;
  const lower = shortWord(t, i, 20);
  if (
    lower.length < 2 ||
    lower !== tokenText(t, i) ||
    COMMON_WORDS.has(lower) ||
    NOT_NAMES.has(lower) ||
    LABELS.has(lower) ||
    monthOf(t, i)
  )
    return false;
  for (let c = 0; c < lower.length; c++) if (lower.charCodeAt(c) < 97 || lower.charCodeAt(c) > 122) return false;
  return true;
}

/** Two name-like words, side by side in one sentence, at tokens a and a + 1. */
const namePair = (t: Tokens, a: number) =>
  a >= 0 && a + 1 < t.count && t.gap[a + 1] <= COMMA && !t.sentence[a + 1] && nameLike(t, a) && nameLike(t, a + 1);

/** How many words either side of a date are looked at for a name ("Jane Smith, seen on 17/03/2005"). */
const NEAR = 4;

/** A two-word name within NEAR words of the date at tokens first…last, in the same sentence. */
function nameNear(t: Tokens, first: number, last: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - NEAR && !t.sentence[k + 1]; k--) if (namePair(t, k - 1)) return true;
  for (let k = last + 1; k < t.count && k <= last + NEAR && !t.sentence[k]; k++) if (namePair(t, k)) return true;
  return false;
}

/**
 * A date of birth in free text: a full date labelled as one (DOB, D.O.B., b., born, date of birth),
 * or a past full date right next to a name ("Jane Smith 17/03/1984", "17.03.84 (J. Smith)").
 * A date on its own, such as an action's target date, is not one.
 *
 * Text people type (tokenised as free text) is about current practice, so two more rules apply
 * there: any full date before 2000 is read as a date of birth, and so is a date more than ten years
 * ago with a two-word name, capitalised or not, within a few words of it ("jane smith, seen 17/03/2005").
 */
export function hasDateOfBirth(t: Tokens, dates: Dates, today = new Date()): boolean {
  const todayKey = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  for (let d = 0; d < dates.count; d++) {
    const first = dates.first[d];
    const last = dates.last[d];
    for (let k = Math.max(0, first - 3); k < first; k++) if (isLabel(t, k)) return true;
    if (first > 0 && isInitialB(t, first - 1)) return true;
    for (let k = last + 1; k <= last + 2 && k < t.count; k++) if (isLabel(t, k)) return true;
    if (dates.when[d] > todayKey) continue;
    const before = first > 0 && !t.sentence[first] && nameLength(t, first - 1, -1) >= 2;
    const after = last + 1 < t.count && !t.sentence[last + 1] && nameLength(t, last + 1, 1) >= 2;
    if (before || after) return true;
    if (t.free && (dates.when[d] < 20000000 || (dates.when[d] < todayKey - 100000 && nameNear(t, first, last))))
      return true;
  }
  return false;
}

/** DOB, born, birth, birthday, or the last letter of D.O.B. */
function isLabel(t: Tokens, i: number): boolean {
  const word = shortWord(t, i, 8);
  return LABELS.has(word) || (word === 'b' && shortWord(t, i - 1, 1) === 'o' && shortWord(t, i - 2, 1) === 'd');
}

/** "b." just before a date, as in "Jane Smith b. 17/03/1984" (lower case, so "Plan B." is not read as one). */
const isInitialB = (t: Tokens, i: number) =>
  tokenLength(t, i) === 1 && t.text.charCodeAt(t.start[i]) === 0x62 && t.text.charCodeAt(t.end[i]) === 0x2e;

const NAME_WORD = /^[A-Z](?:[a-z]+|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?$/;
const NAME_TITLE = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?$/;

/** A whole cell that is a person's name: two to four capitalised words, perhaps after a title. */
export function isPersonName(text: string): boolean {
  if (text.length > 130) return false; // four long names and a title at most
  const words = text.split(' ').filter(Boolean);
  const named = words.length > 0 && NAME_TITLE.test(words[0]) ? words.slice(1) : words;
  return named.length >= 2 && named.length <= 4 && named.every((w) => NAME_WORD.test(w));
}
