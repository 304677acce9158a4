import { afterAll, describe, expect, it } from 'vitest';
import { identifierColumn, identifierIn, identifierInText } from './anonymity.js';
import { fullDates, hasDateOfBirth, isPersonName, type Dates } from './identifier-dates.js';
import { hasEmail, hasNhsNumber, hasNiNumber, hasPhone, hasPostcode, hasSpelledEmail } from './identifier-patterns.js';
import { normaliseText, tokenise, type Tokens } from './identifier-text.js';
import { AGENCY_QUARTER } from './agency-quarter.js';
import { validateReturn } from './validate.js';

/**
 * Issue 12: one upload with a long cell once froze the server for minutes, because the e-mail
 * pattern was quadratic. Every identifier scanner here must be linear, so each one is run on
 * a mebibyte of the inputs that make backtracking patterns slow, and must finish in 50 ms.
 * The scanners run on the whole mebibyte (in production nothing past SCAN_LIMIT characters
 * reaches them); the public functions run on it as callers would, with their caps in place.
 */
const MiB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);
const ADVERSARIAL: Record<string, string> = {
  'one digit repeated': fill('9'),
  '"a@" repeated': fill('a@'),
  '"@" then letters and no dot': `@${fill('a').slice(1)}`,
  'digits and spaces alternating': fill('1 '),
  '"Aa " repeated': fill('Aa '),
  'full-width digits': fill('９'),
  '"(0" repeated': fill('(0'),
  '"+44 " repeated': fill('+44 '),
  'dates repeated': fill('17/03/84 '),
  'names and dates repeated': fill('Jane Smith 17/03/1984 '),
  'labels repeated': fill('DOB '),
  'NI prefixes and digit pairs': fill('QQ 12 '),
  'postcode halves': fill('TS24 7'),
  'letters and digits alternating': fill('a1'),
  ordinals: fill('1st '),
  'month names and days': fill('March 1 '),
  'dots and digits': fill('1.'),
  'spaced at signs': fill('a @ '),
  'Arabic-Indic digits': fill('٩'),
  'combining accents': fill('e\u0301'),
  // What free text reads more closely (issue 12, from an outside tester)
  'spelled-out at signs': fill('a(at)'),
  '" at " between words': fill('a at b.'),
  'labels glued to digits': fill('NHS9'),
  'packed dates': fill('17031984 '),
  'digits and commas': fill('1,'),
  'digits and underscores': fill('1_'),
  'lower-case names and old dates': fill('jane smith 17/03/2005 '),
  'letters glued to NI numbers': fill('NIAB12'),
};

type Check = (text: string) => unknown;
/** Scanners that read the normalised text itself. */
const TEXT_SCANNERS: Record<string, Check> = {
  tokenise,
  'tokenise (free text)': (text) => tokenise(text, true),
  'e-mail': hasEmail,
  'spelled-out e-mail': hasSpelledEmail,
  'person name': isPersonName,
};
/** Scanners that read its tokens (and dates); those are made beforehand, untimed, as each is timed on its own. */
const TOKEN_SCANNERS: Record<string, (tokens: Tokens, dates: Dates) => unknown> = {
  'NHS number': (tokens) => hasNhsNumber(tokens),
  phone: (tokens) => hasPhone(tokens),
  'NI number': (tokens) => hasNiNumber(tokens),
  postcode: (tokens) => hasPostcode(tokens),
  'full dates': (tokens) => fullDates(tokens),
  'date of birth': (tokens, dates) => hasDateOfBirth(tokens, dates),
};
/** What callers use, with the caps they apply. */
const PUBLIC_CHECKS: Record<string, Check> = {
  normaliseText: (raw) => normaliseText(raw),
  identifierIn: (raw) => identifierIn(raw),
  identifierInText: (raw) => identifierInText(raw),
  identifierColumn: (raw) => identifierColumn(raw),
  'validateReturn (caseload cell)': (raw) =>
    validateReturn(
      AGENCY_QUARTER,
      { headerRow: 1, columns: ['caseload'], rows: [{ rowNumber: 2, cells: { caseload: raw } }] },
      { startYear: 2025, quarter: 1 },
    ),
};

/**
 * Milliseconds for one call on the input. The call runs once untimed first, so what is measured
 * is the scan and not the JIT compiling it, then nine times, keeping the fastest: on a shared
 * machine a run can lose the processor to another program mid-scan, but a pattern that
 * backtracks is slow every time (the old e-mail pattern took minutes on a mebibyte).
 */
function fastest(run: () => unknown): number {
  run();
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const timed = (check: Check, input: string) => fastest(() => check(input));

function timedOnTokens(scan: (tokens: Tokens, dates: Dates) => unknown, text: string, free: boolean): number {
  const tokens = tokenise(text, free);
  const dates = fullDates(tokens);
  return fastest(() => scan(tokens, dates));
}

describe('every identifier check is linear in its input', () => {
  let worst = { ms: 0, what: '' };
  const check = (ms: number, what: string) => {
    if (ms > worst.ms) worst = { ms, what };
    expect(ms, what).toBeLessThan(50);
  };
  afterAll(() => console.info(`Slowest identifier check on 1 MiB: ${worst.ms.toFixed(1)} ms (${worst.what})`));

  it.each(Object.keys(ADVERSARIAL))('scans a mebibyte of %s in under 50 ms with every scanner', (name) => {
    const text = normaliseText(ADVERSARIAL[name], Infinity);
    for (const [scanner, scan] of Object.entries(TEXT_SCANNERS)) check(timed(scan, text), `${scanner} on ${name}`);
    for (const [scanner, scan] of Object.entries(TOKEN_SCANNERS)) {
      check(timedOnTokens(scan, text, false), `${scanner} on ${name}`);
      check(timedOnTokens(scan, text, true), `${scanner} (free text) on ${name}`);
    }
  });

  it.each(Object.keys(ADVERSARIAL))(
    'answers for a mebibyte of %s in under 50 ms through every public check',
    (name) => {
      for (const [call, run] of Object.entries(PUBLIC_CHECKS))
        check(timed(run, ADVERSARIAL[name]), `${call} on ${name}`);
    },
  );
});
