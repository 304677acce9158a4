import { CORE_MARAC_AGENCIES, quarterIndex, rateWithInterval, wilsonInterval } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { computeIndicators, type IndicatorResult } from './evaluate.js';
import type { OtherFigures, Sums } from './indicators.js';

/** The edges of the generic evaluation, each worked by hand from the entry's definition in words. */
const RANGE = {
  from: quarterIndex({ startYear: 2025, quarter: 1 }),
  to: quarterIndex({ startYear: 2025, quarter: 4 }),
};
const OTHER: OtherFigures = {
  coveredWomenYears: 1_000,
  repeatPeople: 3,
  casePeople: 12,
  standardsMet: 7,
  standardsApplicable: 10,
  maracReturns: { received: 4, due: 4 },
  agencyReturns: { received: 3, due: 4 },
};
const MARAC: Sums = {
  cases_discussed: 10,
  repeat_cases: 3,
  referrals_police: 4,
  children_in_households: 15,
  meetings_held: 2,
  ...Object.fromEntries(CORE_MARAC_AGENCIES.map((c, i) => [`attended_${c.code}`, i < 5 ? 2 : 1])),
};
const AGENCY: Sums = {
  caseload: 20,
  asked: 0,
  disclosed: 0,
  child_safeguarding_referrals: 30,
  adult_safeguarding_referrals: 5,
};

const byId = (results: IndicatorResult[], id: string) => results.find((r) => r.id === id)!;
const all = (m = MARAC, a = AGENCY, o = OTHER) => computeIndicators(m, a, o, RANGE);

describe('every indicator from its catalogue formula', () => {
  it('adds, takes away and multiplies the figures a formula names', () => {
    const r = all();
    expect(byId(r, 'marac_repeat_rate')).toMatchObject({ numerator: 3, denominator: 10, value: 0.3 });
    expect(byId(r, 'marac_partner_referral_share')).toMatchObject({ numerator: 6, denominator: 10 });
    // Five core agencies at both meetings, four at one: 14 of 9 × 2 = 18 possible attendances.
    expect(byId(r, 'marac_core_attendance')).toMatchObject({ numerator: 14, denominator: 18 });
    expect(byId(r, 'standards_compliance')).toMatchObject({ numerator: 7, denominator: 10, value: 0.7 });
    expect(byId(r, 'return_completeness')).toMatchObject({ numerator: 7, denominator: 8, status: 'complete' });
    expect(byId(r, 'case_repeat_rate')).toMatchObject({ numerator: 3, denominator: 12, value: 0.25 });
  });

  it('gives shares a Wilson interval, and none when the numerator exceeds the denominator', () => {
    const r = all();
    const repeat = byId(r, 'marac_repeat_rate');
    expect({ lower: repeat.lower, upper: repeat.upper }).toEqual(wilsonInterval(3, 10));
    // 35 safeguarding referrals for 20 people: a rate above one, with no share interval and no comparison.
    expect(byId(r, 'safeguarding_referral_rate')).toMatchObject({
      numerator: 35,
      denominator: 20,
      value: 1.75,
      lower: null,
      upper: null,
      comparison: 'not_compared',
    });
  });

  it('gives no value for a zero denominator, and never reads it as zero', () => {
    const disclosure = byId(all(), 'disclosure_rate');
    expect(disclosure).toMatchObject({ numerator: 0, denominator: 0, value: null, lower: null, upper: null });
  });

  it('works a rate per 10,000 with a Poisson interval and its gap to the recommended level', () => {
    const volume = byId(all(), 'marac_cases_per_10k');
    const rate = rateWithInterval(10, 1_000, 10_000)!;
    expect(volume).toMatchObject({ numerator: 10, denominator: 1_000, value: rate.value, ...rate.interval });
    // 40 a year per 10,000 women over 1,000 women-years is 4 cases: 10 is 6 over.
    expect(volume.extra).toEqual({ recommendedCases: 4, shortfall: 0, surplus: 6 });
    expect(volume.comparison).toBe('better');
    const uncovered = byId(all(MARAC, AGENCY, { ...OTHER, coveredWomenYears: null }), 'marac_cases_per_10k');
    expect(uncovered).toMatchObject({ value: null, comparison: 'not_compared' });
    expect(uncovered.extra).toEqual({ recommendedCases: null, shortfall: null, surplus: null });
  });

  it('gives a ratio without an interval, and a count without a denominator', () => {
    const r = all(MARAC, { ...AGENCY, dual_issue_marac_referrals: 9 });
    expect(byId(r, 'marac_children_per_case')).toMatchObject({ value: 1.5, lower: null, comparison: 'not_compared' });
    expect(byId(r, 'dual_issue_marac_referrals')).toMatchObject({ numerator: 9, denominator: null, value: 9 });
  });

  it('withholds only what needs a withheld figure, keeping the other part', () => {
    const r = all({ ...MARAC, repeat_cases: null, referrals_police: null });
    expect(byId(r, 'marac_repeat_rate')).toMatchObject({ numerator: null, denominator: 10, value: null });
    expect(byId(r, 'marac_partner_referral_share')).toMatchObject({ numerator: null, denominator: 10, value: null });
    expect(byId(r, 'marac_victims_lgbt')).toMatchObject({ numerator: 0, denominator: 10, value: 0 });
    const withheldCases = all({ ...MARAC, cases_discussed: null });
    expect(byId(withheldCases, 'marac_cases_per_10k')).toMatchObject({ numerator: null, denominator: 1_000 });
    expect(byId(withheldCases, 'marac_cases_per_10k').extra).toEqual({
      recommendedCases: 4,
      shortfall: null,
      surplus: null,
    });
  });

  it('gives nothing at all, never 0, where the returns never arrived', () => {
    const none = all(MARAC, AGENCY, { ...OTHER, maracReturns: { received: 0, due: 4 } });
    for (const id of ['marac_repeat_rate', 'marac_cases_per_10k', 'marac_children_per_case'])
      expect(byId(none, id), id).toMatchObject({
        status: 'no_returns',
        numerator: null,
        denominator: null,
        value: null,
      });
    expect(byId(none, 'marac_cases_per_10k').extra).toEqual({ recommendedCases: null, shortfall: null, surplus: null });
    expect(byId(none, 'routine_enquiry_rate').status).toBe('partial');
  });
});
