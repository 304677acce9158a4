/**
 * The anonymity guard: nothing Waymark keeps may identify a person. It looks at return columns
 * and cells and at every free text people type, and reports what kind of identifier something
 * resembles — never the value itself, so nothing personal is echoed or logged.
 *
 * Every check runs on normalised text (see identifier-text.ts) and reads at most SCAN_LIMIT
 * characters, with scanners whose work is linear in what they read.
 */
import { fullDates, hasDateOfBirth, isPersonName, type Dates } from './identifier-dates.js';
import {
  hasEmail,
  hasNhsNumber,
  hasNiNumber,
  hasPhone,
  hasPostcode,
  hasSpelledEmail,
  isNhsNumber,
} from './identifier-patterns.js';
import { normaliseText, SCAN_LIMIT, tokenise, type Tokens } from './identifier-text.js';

export { isNhsNumber, normaliseText, SCAN_LIMIT };

export type IdentifierKind =
  'name' | 'date_of_birth' | 'nhs_number' | 'ni_number' | 'phone' | 'email' | 'postcode' | 'free_text' | 'address';

export const IDENTIFIER_WORDS: Record<IdentifierKind, string> = {
  name: 'a name',
  date_of_birth: 'a full date, which could be a date of birth',
  nhs_number: 'an NHS number',
  ni_number: 'a National Insurance number',
  phone: 'a phone number',
  email: 'an email address',
  postcode: 'a full postcode',
  free_text: 'free text',
  address: 'an address',
};

/** How free-text checks describe what they found: there a date counts only beside a name or a label, or when it is long ago. */
export const TEXT_IDENTIFIER_WORDS: Record<IdentifierKind, string> = {
  ...IDENTIFIER_WORDS,
  date_of_birth: 'a date of birth (a full date next to a name, labelled as a date of birth, or before 2000)',
};

const HEADER_PATTERNS: [RegExp, IdentifierKind][] = [
  [/(^|_)(dob|date_?of_?birth|birth_?date|birthday)(_|$)/, 'date_of_birth'],
  [/(^|_)nhs/, 'nhs_number'],
  [/(^|_)(ni|nino|ni_?number|national_?insurance)(_|$)/, 'ni_number'],
  [/(phone|mobile|telephone|(^|_)tel(_|$))/, 'phone'],
  [/(^|_)e_?mail/, 'email'],
  [/post_?code|zip_?code/, 'postcode'],
  [/(^|_)(address|street|house_?number)(_|$)/, 'address'],
  [/(^|_)(name|names|first_?name|last_?name|surname|forename|forenames|given_?name|full_?name|initials)(_|$)/, 'name'],
];

/** The kind of identifier a column name asks for, or null. */
export function identifierColumn(header: string): IdentifierKind | null {
  const normalised = normaliseText(header, 200)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  for (const [pattern, kind] of HEADER_PATTERNS) if (pattern.test(normalised)) return kind;
  return null;
}

const FREE_TEXT_LENGTH = 60;

/** Identifiers that are never legitimate anywhere, in the order they are reported. */
function identifierWithin(text: string, tokens: Tokens, dates: Dates): IdentifierKind | null {
  if (hasEmail(text) || (tokens.free && hasSpelledEmail(text))) return 'email';
  // A date's digits are not a phone or NHS number.
  if (hasNhsNumber(tokens, dates.inDate)) return 'nhs_number';
  if (hasNiNumber(tokens)) return 'ni_number';
  if (hasPhone(tokens, dates.inDate)) return 'phone';
  if (hasPostcode(tokens)) return 'postcode';
  return null;
}

/** A whole number from a spreadsheet: an NHS number, or a phone number whose leading 0 was dropped. */
function numberIdentifier(value: number | bigint): IdentifierKind | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return null;
  const digits = value.toString();
  if (isNhsNumber(digits)) return 'nhs_number';
  return (digits.length === 9 || digits.length === 10) && '1237'.includes(digits[0]) ? 'phone' : null;
}

// What may follow a date in a cell that is only a date: a time, as spreadsheets and ISO write it.
const TIME = /^(?:T| )\d{1,2}:\d{2}/;

/** Some date is the whole cell, perhaps with a time after it. */
function wholeCellDate(text: string, tokens: Tokens, dates: Dates): boolean {
  if (dates.count === 0 || dates.first[0] !== 0 || tokens.start[0] !== 0) return false;
  const end = tokens.end[dates.last[0]];
  return end === text.length || (dates.last[0] + 1 < tokens.count && TIME.test(text.slice(end, end + 20)));
}

/**
 * What most cells hold, which cannot be an identifier: codes, lists of codes and yes or no
 * (letters without spaces, digits or '@'), counts and shares (too short for a phone or NHS
 * number), months, 64-character person keys. A case-level return has up to two million cells,
 * so these skip the scanners.
 */
const PLAINLY_SAFE = /^(?:[A-Za-z_;|]{1,300}|\d{1,9}|\d{1,9}\.\d{1,2}|\d{4}-\d{2}|[0-9a-fA-F]{64})$/;

/**
 * The kind of identifier a return cell resembles, or null. Stricter than free text: return cells
 * hold counts, codes and months, so a cell that is a full date (in any format) is reported, as is
 * a cell that is a name or long free text, besides everything identifierInText finds. `knownWords`
 * are code labels that may legitimately look like two capitalised words.
 */
export function identifierIn(value: unknown, knownWords: ReadonlySet<string> = new Set()): IdentifierKind | null {
  if (value instanceof Date) return value.getUTCDate() === 1 ? null : 'date_of_birth';
  if (typeof value === 'number' || typeof value === 'bigint') return numberIdentifier(value);
  if (Array.isArray(value)) return listIdentifier(value, knownWords);
  if (typeof value !== 'string' || PLAINLY_SAFE.test(value)) return null;
  const text = normaliseText(value).trim();
  if (!text) return null;
  const tokens = tokenise(text);
  const dates = fullDates(tokens);
  const within = identifierWithin(text, tokens, dates);
  if (within) return within;
  if (wholeCellDate(text, tokens, dates) || hasDateOfBirth(tokens, dates)) return 'date_of_birth';
  if (isPersonName(text) && !knownWords.has(text.toLowerCase())) return 'name';
  if (text.length > FREE_TEXT_LENGTH && text.includes(' ')) return 'free_text';
  return null;
}

/** A list of codes (JSON): each text in it is a cell of its own, up to SCAN_LIMIT characters in all. */
function listIdentifier(list: unknown[], knownWords: ReadonlySet<string>): IdentifierKind | null {
  let read = 0;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const kind = identifierIn(item.slice(0, SCAN_LIMIT - read), knownWords);
    if (kind) return kind;
    read += item.length;
    if (read >= SCAN_LIMIT) break;
  }
  return null;
}

/**
 * The kind of identifier a short free text (evidence, an action, a reason, a standard, an agency
 * name, a file name) contains, or null. Capitalised words are allowed (policy titles, service
 * names) and so are dates (target dates, meeting dates), except a date labelled as a date of birth,
 * right next to a name, before 2000, or more than ten years ago with a name near it. The text is
 * read as free text (see tokenise): identifiers glued to labels or split by '_' or ',' are found.
 * Callers cap the text first; nothing past SCAN_LIMIT characters is read.
 */
export function identifierInText(value: string, today = new Date()): IdentifierKind | null {
  const text = normaliseText(value);
  const tokens = tokenise(text, true);
  const dates = fullDates(tokens, today.getUTCFullYear());
  return identifierWithin(text, tokens, dates) ?? (hasDateOfBirth(tokens, dates, today) ? 'date_of_birth' : null);
}
