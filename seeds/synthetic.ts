import { createHmac } from 'node:crypto';
import {
  ABUSE_TYPES,
  AGE_BANDS,
  CORE_MARAC_AGENCIES,
  ETHNIC_GROUPS,
  MARAC_REFERRAL_SOURCES,
  SUBSTANCES,
  quarterEnd,
  quarterStart,
  type FinancialQuarter,
} from '@waymark/domain';

/**
 * Synthetic, plausible-looking figures for demos and benchmarks. Every value is invented by a
 * seeded random generator; nothing describes a real service or person.
 */
export class Synthetic {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** mulberry32: small, fast and repeatable. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }

  part(total: number, lo: number, hi: number): number {
    return Math.min(total, Math.floor(total * this.between(lo, hi)));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Splits `total` into `n` whole parts whose sum is at most `total`. */
  split(total: number, n: number): number[] {
    const weights = Array.from({ length: n }, () => this.next() + 0.05);
    const sum = weights.reduce((s, w) => s + w, 0);
    return weights.map((w) => Math.floor((total * w) / sum));
  }
}

/** One agency's quarterly dual-issue return, consistent with every rule of the dictionary. */
export function agencyFigures(r: Synthetic, size = 1): Record<string, number> {
  const caseload = Math.max(5, Math.round(r.int(40, 250) * size));
  const asked = r.part(caseload, 0.55, 0.98);
  const disclosed = r.part(asked, 0.12, 0.45);
  const atAssessment = r.part(disclosed, 0.5, 0.85);
  const current = r.part(disclosed, 0.5, 0.85);
  const victims = r.part(caseload, 0.1, 0.35);
  const made = r.part(disclosed, 0.2, 0.8);
  const received = r.int(0, 30);
  const exits = r.part(caseload, 0.1, 0.3);
  const staff = r.int(3, 25);
  const female = r.part(disclosed, 0.6, 0.9);
  const male = r.part(disclosed - female, 0.5, 1);
  const figures: Record<string, number> = {
    caseload,
    new_presentations: r.part(caseload, 0.15, 0.4),
    asked,
    disclosed,
    disclosed_at_assessment: atAssessment,
    disclosed_later: disclosed - atAssessment,
    disclosed_current: current,
    disclosed_past: disclosed - current,
    victims_identified: victims,
    perpetrators_identified: r.part(caseload, 0, 0.08),
    abuser_substance_use: r.part(victims, 0.2, 0.6),
    referrals_made: made,
    referrals_made_engaged: r.part(made, 0.2, 0.9),
    referrals_received: received,
    referrals_received_engaged: r.part(received, 0.3, 0.9),
    marac_referrals: r.part(disclosed, 0, 0.15),
    child_safeguarding_referrals: r.part(caseload, 0, 0.06),
    adult_safeguarding_referrals: r.part(caseload, 0, 0.03),
    households_with_children: r.part(caseload, 0.2, 0.5),
    disclosing_gender_female: female,
    disclosing_gender_male: male,
    disclosing_gender_other: r.part(disclosed - female - male, 0, 1),
    disclosing_disabled: r.part(disclosed, 0.05, 0.3),
    disclosing_lgbt: r.part(disclosed, 0, 0.08),
    disclosing_first_language_not_english: r.part(disclosed, 0, 0.12),
    exits,
    exits_better_managing_substance_use: r.part(exits, 0.2, 0.6),
    exits_feeling_safer: r.part(exits, 0.3, 0.8),
    staff,
    staff_trained: r.part(staff, 0.3, 1),
  };
  for (const c of ABUSE_TYPES)
    figures[`abuse_${c.code}`] = r.part(
      disclosed,
      c.code === 'honour_based' ? 0 : 0.1,
      c.code === 'honour_based' ? 0.05 : 0.9,
    );
  for (const c of SUBSTANCES) figures[`substance_${c.code}`] = r.part(caseload, 0, c.code === 'alcohol' ? 0.6 : 0.3);
  const ages = r.split(r.part(disclosed, 0.85, 1), AGE_BANDS.length);
  AGE_BANDS.forEach((c, i) => (figures[`disclosing_age_${c.code}`] = ages[i]));
  const ethnic = r.split(r.part(disclosed, 0.85, 1), ETHNIC_GROUPS.length);
  ETHNIC_GROUPS.forEach((c, i) => (figures[`disclosing_ethnic_${c.code}`] = ethnic[i]));
  return figures;
}

/** One Marac's quarterly return, with referral sources adding up to the cases heard. */
export function maracFigures(r: Synthetic, expectedCases: number): Record<string, number> {
  const cases = Math.max(4, Math.round(expectedCases * r.between(0.7, 1.3)));
  const meetings = r.int(3, 6);
  const police = r.part(cases, 0.5, 0.72);
  const others = r.split(cases - police, MARAC_REFERRAL_SOURCES.length - 1);
  const figures: Record<string, number> = {
    meetings_held: meetings,
    cases_discussed: cases,
    repeat_cases: r.part(cases, 0.2, 0.42),
    victims_male: r.part(cases, 0.02, 0.1),
    victims_minoritised: r.part(cases, 0.05, 0.25),
    victims_lgbt: r.part(cases, 0, 0.04),
    victims_disabled: r.part(cases, 0.03, 0.15),
    victims_16_17: r.part(cases, 0, 0.04),
    perpetrators_17_or_under: r.part(cases, 0, 0.03),
    children_in_households: Math.round(cases * r.between(0.9, 1.6)),
    victim_substance_use: r.part(cases, 0.15, 0.4),
    perpetrator_substance_use: r.part(cases, 0.3, 0.6),
    victim_mental_health: r.part(cases, 0.2, 0.5),
    perpetrator_mental_health: r.part(cases, 0.15, 0.4),
    actions_agreed: Math.round(cases * r.between(3, 6)),
  };
  figures.actions_completed = r.part(figures.actions_agreed, 0.6, 0.95);
  const spoc = r.part(cases, 0.7, 1);
  figures.spoc_assigned = spoc;
  figures.spoc_substance_misuse = r.part(spoc, 0, 0.1);
  figures.spoc_mental_health = r.part(spoc - figures.spoc_substance_misuse, 0, 0.08);
  MARAC_REFERRAL_SOURCES.forEach(
    (s) => (figures[`referrals_${s.code}`] = s.code === 'police' ? police : others.shift()!),
  );
  figures.referrals_other += cases - MARAC_REFERRAL_SOURCES.reduce((sum, s) => sum + figures[`referrals_${s.code}`], 0);
  for (const a of CORE_MARAC_AGENCIES)
    figures[`attended_${a.code}`] =
      a.code === 'police' || a.code === 'idva' ? meetings : r.int(Math.max(0, meetings - 3), meetings);
  return figures;
}

/** Anonymised episodes for one agency and quarter; people recur across quarters through their keys. */
export function caseEpisodes(
  r: Synthetic,
  agencyKey: string,
  quarter: FinancialQuarter,
  count: number,
  people: number,
): Record<string, unknown>[] {
  const first = quarterStart(quarter).slice(0, 7);
  const last = quarterEnd(quarter).slice(0, 7);
  const months = [first, `${first.slice(0, 5)}${String(Number(first.slice(5)) + 1).padStart(2, '0')}`, last];
  const sectors = ['idva_service', 'drug_alcohol_service', 'mental_health', 'housing', 'domestic_abuse_service'];
  return Array.from({ length: count }, () => {
    const asked = r.next() < 0.85;
    const disclosed = asked && r.next() < 0.35;
    const referred = disclosed && r.next() < 0.5 ? r.pick(sectors) : null;
    return {
      person_key: createHmac('sha256', `synthetic:${agencyKey}`)
        .update(String(r.int(1, people)))
        .digest('hex'),
      referral_month: r.pick(months),
      role: r.next() < 0.85 ? 'victim' : 'perpetrator',
      asked,
      disclosed,
      disclosure_timing: disclosed ? (r.next() < 0.65 ? 'at_assessment' : 'later') : null,
      disclosure_recency: disclosed ? (r.next() < 0.7 ? 'current' : 'past') : null,
      abuse_types: disclosed ? ABUSE_TYPES.filter(() => r.next() < 0.3).map((c) => c.code) : [],
      substances: SUBSTANCES.filter(() => r.next() < 0.25).map((c) => c.code),
      gender: r.next() < 0.8 ? 'female' : 'male',
      age_band: r.pick(AGE_BANDS).code,
      ethnic_group: r.next() < 0.82 ? 'white' : r.pick(ETHNIC_GROUPS).code,
      disabled: r.next() < 0.15,
      lgbt: r.next() < 0.04,
      first_language_not_english: r.next() < 0.07,
      children_in_household: r.next() < 0.4,
      referred_to: referred,
      referral_engaged: referred ? r.next() < 0.6 : null,
      marac_referral: disclosed && r.next() < 0.1,
      repeat: false,
    };
  });
}
