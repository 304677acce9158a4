import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quarterIndex } from '../periods.js';
import { benchmarkFor, INDICATORS } from './catalogue.js';
import { NATIONAL_MARAC_PERIODS, nationalFigureFor } from './national-marac.js';

const q = (startYear: number, quarter: 1 | 2 | 3 | 4) => quarterIndex({ startYear, quarter });

describe('national Marac figures', () => {
  it('are the published figures of the reference file, period by period', () => {
    const [header, ...lines] = readFileSync(
      new URL('../../../../seeds/reference/safelives_national_marac_by_period.csv', import.meta.url),
      'utf8',
    )
      .trim()
      .split(/\r?\n/);
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [header.split(',')[i], v])));
    expect(rows).toHaveLength(NATIONAL_MARAC_PERIODS.length);
    rows.forEach((r, i) => {
      const p = NATIONAL_MARAC_PERIODS[i];
      expect([p.label, p.start, p.end, p.maracsSubmitting, p.cases, p.casesPer10kAdultFemales, p.source]).toEqual([
        r.period_label,
        r.period_start,
        r.period_end,
        Number(r.maracs_submitting),
        Number(r.cases),
        Number(r.cases_per_10k_adult_females),
        r.source,
      ]);
      const shares = [p.repeat, p.partnerAgencyReferral, p.minoritised, p.lgbt, p.disabled, p.male, p.aged16To17].map(
        (s) => Math.round(s * 1000) / 10,
      );
      expect(shares).toEqual(
        [
          'repeat_pct',
          'partner_agency_referral_pct',
          'bame_pct',
          'lgbt_pct',
          'disability_pct',
          'male_pct',
          'aged_16_17_pct',
        ].map((k) => Number(r[k])),
      );
    });
  });

  it('compare a range with the period that covers it', () => {
    const covered = nationalFigureFor(q(2023, 3), q(2024, 2)); // October 2023 to September 2024
    expect([covered.period.label, covered.match]).toEqual(['Oct 2023 to Sep 2024', 'same_period']);
    // One quarter inside two published periods: the newer one.
    expect(nationalFigureFor(q(2023, 4), q(2023, 4)).period.label).toBe('Oct 2023 to Sep 2024');
    expect(nationalFigureFor(q(2022, 2), q(2022, 4)).period.label).toBe('Jul 2022 to Jun 2023');
  });

  it('say so when no published period covers the range: the nearest, or the latest after them all', () => {
    const early = nationalFigureFor(q(2019, 1), q(2019, 4)); // April 2019 to March 2020: three months overlap
    expect([early.period.label, early.match]).toEqual(['Jul 2018 to Jun 2019', 'nearest']);
    expect(early.note).toMatch(/nearest, for Jul 2018 to Jun 2019/);
    const late = nationalFigureFor(q(2025, 1), q(2025, 4));
    expect([late.period.label, late.match]).toEqual(['Oct 2023 to Sep 2024', 'latest']);
    expect(late.note).toMatch(/latest, for Oct 2023 to Sep 2024/);
    expect(nationalFigureFor(q(2010, 1), q(2010, 4)).match).toBe('nearest');
  });

  it('date every national benchmark of the catalogue, and leave fixed levels undated', () => {
    const repeat = INDICATORS.find((d) => d.id === 'marac_repeat_rate')!;
    expect(benchmarkFor(repeat.benchmark, q(2018, 2), q(2019, 1))).toMatchObject({
      value: 0.3,
      period: { start: '2018-07-01', end: '2019-06-30' },
    });
    const volume = INDICATORS.find((d) => d.id === 'marac_cases_per_10k')!;
    expect(benchmarkFor(volume.benchmark, q(2018, 2), q(2019, 1))).toMatchObject({
      value: 40,
      period: null,
      note: null,
    });
    expect(benchmarkFor(volume.reference, q(2023, 3), q(2024, 2))).toMatchObject({
      value: 47,
      label: 'England and Wales',
    });
  });
});
