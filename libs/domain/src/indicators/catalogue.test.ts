import { describe, expect, it } from 'vitest';
import { AGENCY_QUARTER } from '../returns/agency-quarter.js';
import { MARAC_QUARTER } from '../returns/marac-quarter.js';
import { INDICATORS } from './catalogue.js';
import { figuresOf, OTHER_FIGURES, SECTOR_SUMS } from './formula.js';

const summable = (fields: typeof MARAC_QUARTER.fields) =>
  new Set(fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key));
const MARAC_FIELDS = summable(MARAC_QUARTER.fields);
const AGENCY_FIELDS = summable(AGENCY_QUARTER.fields);

/** Why a figure key names nothing the warehouse can give, or null when it names something real. */
function unknownFigure(key: string): string | null {
  const [kind, field] = key.split('.', 2);
  if (kind === 'marac') return MARAC_FIELDS.has(field) ? null : `${field} is not a count on the Marac return`;
  if (kind === 'agency') {
    if (field in SECTOR_SUMS)
      return AGENCY_FIELDS.has(SECTOR_SUMS[field].field) ? null : `${field} sums no agency count`;
    return AGENCY_FIELDS.has(field) ? null : `${field} is not a count on the agency return`;
  }
  return key in OTHER_FIGURES ? null : `${key} is not a figure the warehouse gives`;
}

describe('the indicator catalogue declares each indicator once, formula included', () => {
  it('gives every entry a unique id and a formula with a numerator', () => {
    expect(new Set(INDICATORS.map((d) => d.id)).size).toBe(INDICATORS.length);
    for (const def of INDICATORS) {
      expect(def.formula, def.id).toBeDefined();
      expect(def.formula.numerator.add.length, def.id).toBeGreaterThan(0);
    }
  });

  it('has a denominator exactly when the unit is not a plain count', () => {
    for (const def of INDICATORS) expect(def.formula.denominator === null, def.id).toBe(def.unit === 'count');
  });

  it('names only figures the returns or the warehouse can give', () => {
    const problems = INDICATORS.flatMap((def) =>
      figuresOf(def.formula).flatMap((key) => {
        const why = unknownFigure(key);
        return why ? [`${def.id}: ${why}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('refuses a formula that names a field no return has', () => {
    expect(unknownFigure('marac.cases_heard_on_tuesdays')).toMatch(/not a count on the Marac return/);
    expect(unknownFigure('agency.caseload')).toBeNull();
    expect(unknownFigure('case.everyone')).toMatch(/not a figure/);
  });

  it('scales rates per 10,000 and shares per one, and judges each by a declared interval method', () => {
    for (const def of INDICATORS) {
      expect(def.formula.per ?? 1, def.id).toBe(def.unit === 'per_10000_per_year' ? 10_000 : 1);
      if (def.unit === 'percent') expect(def.interval, def.id).toBe('wilson');
      if (def.formula.gapToBenchmark) expect(def.benchmark && 'value' in def.benchmark, def.id).toBe(true);
    }
  });

  it('treats standards and returns as counts of services, never of people', () => {
    for (const def of INDICATORS.filter((d) => d.source === 'audit' || d.source === 'completeness'))
      expect(def.suppression, def.id).toEqual({ numerator: 'services', denominator: 'services' });
    for (const def of INDICATORS.filter((d) => d.source === 'marac' || d.source === 'agency' || d.source === 'case'))
      expect(def.suppression.numerator, def.id).toBe('people');
  });
});
