import { createHmac } from 'node:crypto';
import { asText, type ReturnType, type RuleDef } from '@waymark/domain';

/** A complete, consistent agency-quarter return (synthetic). */
export const AGENCY_FIGURES: Record<string, number> = {
  caseload: 120,
  new_presentations: 40,
  asked: 100,
  disclosed: 30,
  disclosed_at_assessment: 18,
  disclosed_later: 12,
  disclosed_current: 20,
  disclosed_past: 10,
  victims_identified: 25,
  perpetrators_identified: 5,
  abuser_substance_use: 10,
  abuse_physical: 14,
  abuse_sexual: 4,
  abuse_psychological: 22,
  abuse_economic: 9,
  abuse_coercive_control: 19,
  abuse_stalking_harassment: 6,
  abuse_honour_based: 1,
  substance_alcohol: 60,
  substance_opiates: 25,
  substance_crack: 18,
  substance_powder_cocaine: 12,
  substance_cannabis: 30,
  substance_benzodiazepines: 8,
  substance_nps: 2,
  substance_other: 3,
  referrals_made: 12,
  referrals_made_engaged: 8,
  referrals_received: 9,
  referrals_received_engaged: 6,
  marac_referrals: 3,
  child_safeguarding_referrals: 4,
  adult_safeguarding_referrals: 2,
  households_with_children: 35,
  disclosing_gender_female: 24,
  disclosing_gender_male: 5,
  disclosing_gender_other: 1,
  disclosing_age_16_17: 2,
  disclosing_age_18_24: 6,
  disclosing_age_25_34: 7,
  disclosing_age_35_44: 5,
  disclosing_age_45_54: 5,
  disclosing_age_55_64: 3,
  disclosing_age_65_plus: 2,
  disclosing_ethnic_white: 22,
  disclosing_ethnic_mixed: 2,
  disclosing_ethnic_asian: 3,
  disclosing_ethnic_black: 2,
  disclosing_ethnic_other: 1,
  disclosing_disabled: 7,
  disclosing_lgbt: 3,
  disclosing_first_language_not_english: 2,
  exits: 20,
  exits_better_managing_substance_use: 9,
  exits_feeling_safer: 11,
  staff: 10,
  staff_trained: 7,
};

/** A complete, consistent Marac return (synthetic), with fractional referral shares. */
export const MARAC_FIGURES: Record<string, number> = {
  meetings_held: 3,
  cases_discussed: 60,
  repeat_cases: 18,
  referrals_police: 36,
  referrals_idva: 8,
  referrals_childrens_social_care: 3.5,
  referrals_adult_social_care: 1.5,
  referrals_primary_care: 2,
  referrals_secondary_care: 1,
  referrals_mental_health: 2,
  referrals_substance_misuse: 1,
  referrals_probation: 1,
  referrals_voluntary_sector: 1,
  referrals_mash: 1,
  referrals_education: 0.5,
  referrals_housing: 1.5,
  referrals_other: 0,
  victims_male: 4,
  victims_minoritised: 9,
  victims_lgbt: 2,
  victims_disabled: 8,
  victims_16_17: 1,
  perpetrators_17_or_under: 1,
  children_in_households: 85,
  victim_substance_use: 20,
  perpetrator_substance_use: 28,
  victim_mental_health: 25,
  perpetrator_mental_health: 15,
  spoc_assigned: 55,
  spoc_substance_misuse: 6,
  spoc_mental_health: 4,
  attended_police: 3,
  attended_idva: 3,
  attended_housing: 2,
  attended_childrens_services: 3,
  attended_probation: 3,
  attended_health: 2,
  attended_mental_health: 2,
  attended_substance_misuse: 1,
  attended_adult_social_care: 3,
  actions_agreed: 240,
  actions_completed: 200,
};

/** A pseudonymous person key as an agency would make it: HMAC-SHA-256 of its own reference with its secret. */
export function personKey(reference: string): string {
  return createHmac('sha256', 'synthetic-test-agency-secret').update(reference).digest('hex');
}

/** Synthetic episodes for one quarter (April–June 2025), all consistent with the case-level rules. */
export function caseRows(count = 12): Record<string, unknown>[] {
  const months = ['2025-04', '2025-05', '2025-06'];
  return Array.from({ length: count }, (_, i) => {
    const disclosed = i % 3 !== 0;
    return {
      person_key: personKey(`ref-${i % 10}`), // ten people, two of them seen twice
      referral_month: months[i % 3],
      role: i % 5 === 4 ? 'perpetrator' : 'victim',
      asked: true,
      disclosed,
      disclosure_timing: disclosed ? (i % 2 ? 'later' : 'at_assessment') : null,
      disclosure_recency: disclosed ? (i % 4 === 1 ? 'past' : 'current') : null,
      abuse_types: disclosed ? ['coercive_control', ...(i % 2 ? ['physical'] : [])] : [],
      substances: i % 2 ? ['alcohol'] : ['alcohol', 'crack'],
      gender: i % 6 === 5 ? 'male' : 'female',
      age_band: ['18_24', '25_34', '35_44', '45_54'][i % 4],
      ethnic_group: i % 7 === 3 ? 'black' : 'white',
      disabled: i % 4 === 0,
      lgbt: false,
      first_language_not_english: i % 9 === 2,
      children_in_household: i % 2 === 0,
      referred_to: i % 3 === 1 ? 'idva_service' : null,
      referral_engaged: i % 3 === 1 ? i % 2 === 1 : null,
      marac_referral: i % 6 === 1,
      repeat: false,
    };
  });
}

/**
 * A copy of a valid row that breaks one rule (and, as far as possible, only that rule), with the
 * column the validator should name.
 */
export function breakRule(
  type: ReturnType,
  rule: RuleDef,
  valid: Record<string, unknown>,
): { row: Record<string, unknown>; column: string } {
  const row = { ...valid };
  switch (rule.kind) {
    case 'at_most':
      row[rule.fields[0]] = (row[rule.max] as number) + 1;
      return { row, column: rule.fields[0] };
    case 'sum_equals':
      row[rule.parts[0]] = (row[rule.parts[0]] as number) + 1;
      return { row, column: rule.parts[0] };
    case 'sum_at_most':
      row[rule.parts[0]] = (row[rule.total] as number) + 1;
      return { row, column: rule.parts[0] };
    case 'needs': {
      const f = type.fields.find((x) => x.key === rule.field)!;
      row[rule.field] = f.kind === 'yes_no' ? true : f.codes![0].code;
      row[rule.needs] = null;
      if (rule.field === 'disclosed') row.asked = true;
      return { row, column: rule.needs };
    }
    case 'only_if_yes': {
      const f = type.fields.find((x) => x.key === rule.field)!;
      row[rule.needs] = false;
      row[rule.field] = f.kind === 'yes_no' ? true : f.codes![0].code;
      return { row, column: rule.field };
    }
  }
}

/** The CSV text of rows under a header, as a spreadsheet would save it. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const text =
      v === null || v === undefined
        ? ''
        : Array.isArray(v)
          ? v.join(';')
          : typeof v === 'boolean'
            ? v
              ? 'yes'
              : 'no'
            : asText(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
