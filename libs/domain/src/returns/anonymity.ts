/**
 * The anonymity guard: returns must never carry anything that could identify a person. It looks
 * at column names and at every cell, and reports what kind of identifier a cell resembles —
 * never the value itself, so nothing personal is echoed or logged.
 */
export type IdentifierKind = 'name' | 'date_of_birth' | 'nhs_number' | 'ni_number' | 'phone' | 'email' | 'postcode' | 'free_text' | 'address';

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
  const normalised = header.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
  for (const [pattern, kind] of HEADER_PATTERNS) if (pattern.test(normalised)) return kind;
  return null;
}

/** NHS numbers carry a modulus 11 check digit; only numbers that pass it are flagged. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
// Looser than HMRC allocation rules on purpose: a mistyped or sample number is still a number.
const NI = /^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$/i;
const PHONE = /^(?:\+44|0044|0)[1237]\d{8,9}$/;
const POSTCODE = /^(GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})$/i;
const FULL_DATE = /^(\d{4}-\d{1,2}-\d{1,2}([T ].*)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/;
const NAME_WORD = String.raw`[A-Z](?:[a-z]+|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?`;
const PERSON_NAME = new RegExp(String.raw`^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?${NAME_WORD}(?:\s+${NAME_WORD}){1,3}$`);
const FREE_TEXT_LENGTH = 60;

const EMBEDDED: [RegExp, IdentifierKind][] = [
  [/(?:\+44|\b0)\s?[1237]\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b/, 'phone'],
  [/\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i, 'ni_number'],
  [/\b(GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s+\d[ABD-HJLNP-UW-Z]{2})\b/i, 'postcode'],
];

/**
 * Identifiers inside a longer text, such as a phone number in a sentence. Dates are not looked for
 * here: short texts about actions legitimately mention them.
 */
function identifierWithin(text: string): IdentifierKind | null {
  for (const match of text.matchAll(/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g)) if (isNhsNumber(match[0].replace(/[\s-]/g, ''))) return 'nhs_number';
  for (const [pattern, kind] of EMBEDDED) if (pattern.test(text)) return kind;
  return null;
}

/**
 * The kind of identifier a cell value resembles, or null. `knownWords` are code labels that may
 * legitimately look like two capitalised words.
 */
export function identifierIn(value: unknown, knownWords: ReadonlySet<string> = new Set()): IdentifierKind | null {
  if (value instanceof Date) return value.getUTCDate() === 1 ? null : 'date_of_birth';
  if (typeof value === 'number') return Number.isInteger(value) && isNhsNumber(String(value)) ? 'nhs_number' : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  if (EMAIL.test(text)) return 'email';
  const compact = text.replace(/[\s()-]/g, '');
  if (/^\d{3}[\s-]?\d{3}[\s-]?\d{4}$/.test(text) && isNhsNumber(compact)) return 'nhs_number';
  if (NI.test(text)) return 'ni_number';
  if (PHONE.test(compact)) return 'phone';
  if (POSTCODE.test(text)) return 'postcode';
  if (FULL_DATE.test(text)) return 'date_of_birth';
  if (PERSON_NAME.test(text) && !knownWords.has(text.toLowerCase())) return 'name';
  const within = identifierWithin(text);
  if (within) return within;
  if (text.length > FREE_TEXT_LENGTH && /\s/.test(text)) return 'free_text';
  return null;
}
