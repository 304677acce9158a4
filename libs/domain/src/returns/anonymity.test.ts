import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGENCY_QUARTER } from './agency-quarter.js';
import { identifierColumn, identifierIn, identifierInText, isNhsNumber, normaliseText } from './anonymity.js';
import { CASE_LEVEL } from './case-level.js';
import { validateReturn } from './validate.js';

describe('the anonymity guard', () => {
  it('spots columns that ask for identifiers, whatever their spelling', () => {
    expect(identifierColumn('Client Name')).toBe('name');
    expect(identifierColumn('surname')).toBe('name');
    expect(identifierColumn('D.O.B')).toBeNull(); // dotted: too odd to guess, cells are still checked
    expect(identifierColumn('date_of_birth')).toBe('date_of_birth');
    expect(identifierColumn('DOB')).toBe('date_of_birth');
    expect(identifierColumn('NHS No')).toBe('nhs_number');
    expect(identifierColumn('NI number')).toBe('ni_number');
    expect(identifierColumn('Mobile')).toBe('phone');
    expect(identifierColumn('e-mail')).toBe('email');
    expect(identifierColumn('Post code')).toBe('postcode');
    expect(identifierColumn('home address')).toBe('address');
    for (const safe of [
      'person_key',
      'caseload',
      'referral_month',
      'disclosing_lgbt',
      'attended_police',
      'age_band',
      'referrals_primary_care',
    ]) {
      expect(identifierColumn(safe)).toBeNull();
    }
  });

  it('checks the NHS number check digit', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(identifierIn('943 476 5919')).toBe('nhs_number');
    expect(identifierIn(9434765919)).toBe('nhs_number');
  });

  it('recognises each kind of identifier in a cell', () => {
    expect(identifierIn('someone@example.org')).toBe('email');
    expect(identifierIn('QQ 12 34 56 C')).toBe('ni_number');
    expect(identifierIn('07700 900123')).toBe('phone');
    expect(identifierIn('+44 20 7946 0018')).toBe('phone');
    expect(identifierIn('SW1A 1AA')).toBe('postcode');
    expect(identifierIn('ts24 7ab')).toBe('postcode');
    expect(identifierIn('1984-03-17')).toBe('date_of_birth');
    expect(identifierIn('17/03/1984')).toBe('date_of_birth');
    expect(identifierIn(new Date(Date.UTC(1984, 2, 17)))).toBe('date_of_birth');
    expect(identifierIn('Jane Smith')).toBe('name');
    expect(identifierIn("Mrs Mary O'Brien")).toBe('name');
    expect(identifierIn('She said her partner hits her when he has been drinking at the weekend')).toBe('free_text');
    expect(identifierIn('call 07700 900123 after 5')).toBe('phone');
    expect(identifierIn('ref 943 476 5919')).toBe('nhs_number');
    expect(identifierIn('lives at TS24 7AB now')).toBe('postcode');
    expect(identifierIn('NI QQ123456C on file')).toBe('ni_number');
  });

  it('lets through what returns legitimately hold', () => {
    for (const fine of [
      '2025-04',
      'TS24',
      'coercive_control',
      'yes',
      '12',
      'E06000001',
      'a'.repeat(64),
      '0.5',
      '2025-26 Q1',
      'Review by 2026-03-31',
      'EV-GOV-01',
      'Policy v2 (2024)',
    ]) {
      expect(identifierIn(fine)).toBeNull();
    }
    expect(identifierIn(new Date(Date.UTC(2025, 3, 1)))).toBeNull(); // a month typed into a spreadsheet
    expect(identifierIn(1234)).toBeNull();
    expect(identifierIn('Powder Cocaine', new Set(['powder cocaine']))).toBeNull();
  });
});

// Synthetic values only: NHS test numbers (943 476 5919, 999…), Ofcom drama numbers (07700 900xxx,
// 01632 960xxx, 020 7946 0xxx), the HMRC sample prefix QQ, TS and SW1A postcodes.
const NHS = [
  '943 476 5919',
  '943 4765 919',
  '943.476.5919',
  '943-476-5919',
  '943/476/5919',
  '9434765919',
  '９４３ ４７６ ５９１９',
  '943\u00a0476\u00a05919',
  '943\u2013476\u20135919',
  '9 4 3 4 7 6 5 9 1 9',
  '999 000 0018',
  '(999) 000-0026',
  '٩٩٩٠٠٠٠٠٣٤',
];
const POSTCODES = [
  'TS24 7AB',
  'TS247AB',
  'ts247ab',
  'SW1A 1AA',
  'SW1A1AA',
  'sw1a-1aa',
  'ＴＳ２４ ７ＡＢ',
  'TS24\u00a07AB',
  'TS24\u200b7AB',
];
const NI = [
  'QQ 12 34 56 C',
  'QQ123456C',
  'QQ-12-34-56-C',
  'qq.12.34.56.c',
  'QQ 123456 C',
  'ＱＱ１２３４５６Ｃ',
  'QQ\u201312\u201334\u201356\u2013C',
  'QQ 12 34 56 A',
];
const PHONES = [
  '07700 900123',
  '07700900123',
  '(01632) 960 123',
  '01632-960-123',
  '+44 7700 900123',
  '+44 (0)7700 900123',
  '0044 7700 900 123',
  '+44 (0) 20 7946 0018',
  '(020) 7946 0018',
  '07700.900.123',
  '０７７００ ９００１２３',
  '0\u200b7700 900123',
  '+447700900123',
];
const EMAILS = [
  'someone@example.org',
  'someone＠example.org',
  'some.one+tag@mail.example.co.uk',
  'someone @ example.org',
  'write to someone@example.org.',
];
const DATES = [
  '17/03/1984',
  '17.03.84',
  '17-3-1984',
  '17 March 1984',
  '17th Mar 1984',
  'March 17 1984',
  'March 17, 1984',
  '1984-03-17',
  '17th of March 1984',
  '1984-03-17T10:00:00',
  '１７/０３/１９８４',
  '17\u200a/\u200a03\u200a/\u200a1984',
];
const DATES_OF_BIRTH = [
  'Jane Smith 17/03/1984',
  'Jane Smith, 17.03.84',
  'Jane Smith (17-3-1984)',
  'Jane Smith born 17 March 1984',
  'DOB 17th Mar 1984',
  'date of birth: March 17, 1984',
  'D.O.B. 1984-03-17',
  'J. Smith 1984-03-17',
  '17/03/1984 (Jane Smith)',
  'Mrs Smith 17 March 1984',
  'JANE SMITH 17/03/84',
  "Mary O'Brien-Jones 1.2.1990",
  'Smith, Jane 17/03/1984',
  'born １７/０３/１９８４',
];

describe('the anonymity guard sees through how identifiers are written', () => {
  it('normalises full-width forms, every kind of space and dash, and invisible characters before any pattern', () => {
    expect(normaliseText('ＴＳ２４\u00a0７ＡＢ')).toBe('TS24 7AB');
    expect(normaliseText('943\u2013476\u20145919')).toBe('943-476-5919');
    expect(normaliseText('94\u200b34\u00ad765919')).toBe('9434765919');
    expect(normaliseText('٩٤٣')).toBe('943');
    expect(normaliseText('x'.repeat(5000))).toHaveLength(1000); // nothing past the scan limit is read
  });

  it.each([
    ['nhs_number', NHS],
    ['postcode', POSTCODES],
    ['ni_number', NI],
    ['phone', PHONES],
    ['email', EMAILS],
  ] as const)('finds %s in every grouping, alone in a cell and inside free text', (kind, forms) => {
    for (const form of forms) {
      expect(identifierIn(form), form).toBe(kind);
      expect(identifierInText(`Seen on the visit: ${form} was on the file`), form).toBe(kind);
    }
  });

  it('reports a cell that is a full date in any common format, and free text only when it is a date of birth', () => {
    const today = new Date(Date.UTC(2026, 5, 1));
    for (const date of DATES) {
      expect(identifierIn(date), date).toBe('date_of_birth');
      // A recent or future date on its own is a target or meeting date; one before 2000 is a likely date of birth.
      const recent = normaliseText(date).replace('1984', '2026').replace('84', '26');
      expect(identifierInText(`Review by ${recent}`, today), recent).toBeNull();
      expect(identifierInText(`Review by ${date}`, today), date).toBe('date_of_birth');
    }
    for (const text of DATES_OF_BIRTH) {
      expect(identifierIn(text), text).toBe('date_of_birth');
      expect(identifierInText(text), text).toBe('date_of_birth');
    }
  });

  it('reads a whole number from a spreadsheet as an NHS number or a phone number that lost its leading 0', () => {
    expect(identifierIn(9990000018)).toBe('nhs_number');
    expect(identifierIn(7700900123)).toBe('phone');
    expect(identifierIn(1_000_000)).toBeNull();
  });

  it('checks each code in a JSON list', () => {
    expect(identifierIn(['alcohol', 'Jane Smith'])).toBe('name');
    expect(identifierIn(['alcohol', '07700 900123'])).toBe('phone');
    expect(identifierIn(['alcohol', 'opiates'])).toBeNull();
  });

  it('lets through what returns and audits legitimately hold', () => {
    const today = new Date(Date.UTC(2026, 5, 1));
    for (const cell of [
      '0',
      '12',
      '1000000',
      '0.5',
      '2025-04',
      'drug_alcohol_service',
      'coercive_control;physical',
      '16_17',
      '65_plus',
      'E06000001',
      'TS24',
      '2025-26 Q1',
      'Yes',
      'FALSE',
    ]) {
      expect(identifierIn(cell), cell).toBeNull();
      expect(identifierInText(cell, today), cell).toBeNull();
    }
    const texts = [
      'Domestic Abuse Act 2021 s.57',
      'Safe Lives Marac principles 2023',
      'Dual Diagnosis Policy 2024',
      'Review by 2026-03-31',
      'Minutes of Steering Group 12/03/2025',
      'Train 12 staff by 2026-03-31, then 15 more by 2026-09-30',
      'National Domestic Abuse Helpline 0808 2000 247',
      'Leaflets on Ward B2 3rd floor',
      'A saving of 100000 a year',
      'Lead: service manager, by 2026-12-31',
      'Jane Smith to review by 2026-03-31',
      'Owner Jane Smith, 2026-09-30', // a future date beside a name is a target date, not a birth date
      'EV-GOV-01',
      'Policy v2 (2024)',
      'Posters seen on the visit in March',
    ];
    for (const text of texts) expect(identifierInText(text, today), text).toBeNull();
  });

  it('never mistakes a keyed hash for an identifier, whatever digits it happens to contain', () => {
    for (let i = 0; i < 5000; i++) {
      const key = createHash('sha256').update(`person ${i}`).digest('hex');
      expect(identifierIn(key), key).toBeNull();
      expect(identifierInText(key), key).toBeNull();
    }
  });
});

/**
 * Issue 12, found by an outside tester: each was accepted in audit evidence, actions, moderation
 * reasons, agency names and local standards. Free text is read more closely than a return cell:
 * identifiers glued to a label, split by '_' or ',', packed dates, dates long ago, spelled-out e-mail.
 */
const WALKED_ROUND: [string, string][] = [
  ['NHS9434765919', 'nhs_number'],
  ['nhs:943,476,5919', 'nhs_number'],
  ['943_476_5919', 'nhs_number'],
  ['jane smith 17/03/1984', 'date_of_birth'],
  ['jane smith 1984-03-17', 'date_of_birth'],
  ['Jane Smith b. 17/03/1984', 'date_of_birth'],
  ['Jane Smith 17031984', 'date_of_birth'],
  ['Jane Smith, seen 17/03/1984', 'date_of_birth'],
  ['Jane Smith (age 40) 17/03/1984', 'date_of_birth'],
  ['Mrs Jones seen 17/03/1984', 'date_of_birth'],
  ['postcodeTS248AB', 'postcode'],
  ['ts24_8ab', 'postcode'],
  ['TS24,8AB', 'postcode'],
  ['NIAB123456C', 'ni_number'],
  ['Tel01429266522', 'phone'],
  ['Mob07700900123', 'phone'],
  ['44 7700 900123', 'phone'],
  ['jane(at)example.com', 'email'],
  ['jane [at] example.com', 'email'],
  ['jane{at}example.org', 'email'],
  ['jane at example.co.uk', 'email'],
  ['jane smith 17/03/1984, Tel01429266522', 'phone'],
  ['jane smith 17/03/1984 Tel01429266522', 'phone'],
  // A date this century, more than ten years ago, with a name a few words away; and labels.
  ['jane smith 17/03/2005', 'date_of_birth'],
  ['Jane Smith, seen on 17/03/2005', 'date_of_birth'],
  ['Jane Smith b. 17/03/2010', 'date_of_birth'],
  ['DOB17031984', 'date_of_birth'],
  ['John Smith DOB 12-03-1985 NHS 9434765919 TS24 8AB.csv', 'nhs_number'],
];

describe('free text is read more closely than a return cell', () => {
  const today = new Date(Date.UTC(2026, 5, 1));

  it.each(WALKED_ROUND)('finds %s (%s)', (text, kind) => {
    expect(identifierInText(text, today)).toBe(kind);
    expect(identifierInText(`Noted on the visit: ${text}`, today)).not.toBeNull();
  });

  it('still lets through what services write: titles, targets, web addresses, figures, file names', () => {
    for (const text of [
      'Published at safelives.org.uk',
      'Guidance at www.gov.uk/guidance',
      'Meet at 10.30am',
      'Review 1,000,000 records',
      'Figures 12, 15, 20, 30',
      'Policy signed off 12/03/2024',
      'Stella Project toolkit, section 7 update (2007)',
      'Covid19 recovery plan',
      'Room 12 3rd floor',
      'agency_return_2025-26_Q1_v3.xlsx',
      'Harbour_Refuge_2025-26_Q1.csv',
      'export_20250401.csv',
      'waymark-case-level-template.xlsx',
    ])
      expect(identifierInText(text, today), text).toBeNull();
  });

  it('reads only free text this way: a return cell still keeps letters and digits glued', () => {
    // A cell such as a person key is letters and digits glued together by chance; nothing there is split.
    expect(identifierIn('ab9434765919')).toBeNull();
    expect(identifierInText('ab9434765919', today)).toBe('nhs_number');
    // In free text a 32-character or longer hexadecimal word is a hash, whole.
    expect(identifierInText(`key ${'ab'.repeat(6)}9434765919${'cd'.repeat(6)}`, today)).toBeNull();
  });
});

describe('the return validator caps every cell before the guard reads it', () => {
  const PERIOD = { startYear: 2025, quarter: 1 } as const;
  const one = (cells: Record<string, unknown>) =>
    validateReturn(CASE_LEVEL, { headerRow: 1, columns: Object.keys(cells), rows: [{ rowNumber: 2, cells }] }, PERIOD)
      .problems;

  it.each([
    ['person_key', 'a'.repeat(65)],
    ['referral_month', '2025-004'],
    ['gender', 'female'.repeat(10)],
    ['abuse_types', 'physical;'.repeat(100)],
    ['asked', 'yes'.repeat(5)],
  ])('refuses a %s cell longer than the field allows, naming row and column', (column, value) => {
    expect(one({ [column]: value })).toContainEqual({
      row: 2,
      column,
      rule: 'too_long',
      message: expect.stringMatching(/^This cell has \d+ characters; .+ can have at most \d+\.$/),
    });
  });

  it('caps counts too, however the cell is sent, and reports an identifier rather than its length', () => {
    const agency = (cells: Record<string, unknown>) =>
      validateReturn(
        AGENCY_QUARTER,
        { headerRow: null, columns: Object.keys(cells), rows: [{ rowNumber: 1, cells }] },
        PERIOD,
      ).problems;
    expect(agency({ caseload: '9'.repeat(1 << 20) })).toContainEqual(
      expect.objectContaining({ row: 1, column: 'caseload', rule: 'too_long' }),
    );
    expect(agency({ caseload: ['1', '2'.repeat(40)] })).toContainEqual(
      expect.objectContaining({ column: 'caseload', rule: 'too_long' }),
    );
    expect(agency({ caseload: `call 07700 900123 ${'9'.repeat(1 << 20)}` })).toContainEqual(
      expect.objectContaining({ column: 'caseload', rule: 'identifier' }),
    );
    expect(agency({ caseload: '120' }).filter((p) => p.rule === 'too_long')).toEqual([]);
  });
});
