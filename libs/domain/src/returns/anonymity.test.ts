import { describe, expect, it } from 'vitest';
import { identifierColumn, identifierIn, isNhsNumber } from './anonymity.js';

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
    for (const safe of ['person_key', 'caseload', 'referral_month', 'disclosing_lgbt', 'attended_police', 'age_band', 'referrals_primary_care']) {
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
    for (const fine of ['2025-04', 'TS24', 'coercive_control', 'yes', '12', 'E06000001', 'a'.repeat(64), '0.5', '2025-26 Q1', 'Review by 2026-03-31', 'EV-GOV-01', 'Policy v2 (2024)']) {
      expect(identifierIn(fine)).toBeNull();
    }
    expect(identifierIn(new Date(Date.UTC(2025, 3, 1)))).toBeNull(); // a month typed into a spreadsheet
    expect(identifierIn(1234)).toBeNull();
    expect(identifierIn('Powder Cocaine', new Set(['powder cocaine']))).toBeNull();
  });
});
