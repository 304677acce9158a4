import type { CodeList } from '../code-list.js';

export type AbuseType =
  'physical' | 'sexual' | 'psychological' | 'economic' | 'coercive_control' | 'stalking_harassment' | 'honour_based';
export const ABUSE_TYPES: CodeList<AbuseType> = [
  { code: 'physical', label: 'Physical abuse' },
  { code: 'sexual', label: 'Sexual abuse' },
  { code: 'psychological', label: 'Psychological or emotional abuse' },
  { code: 'economic', label: 'Economic abuse' },
  { code: 'coercive_control', label: 'Coercive control' },
  { code: 'stalking_harassment', label: 'Stalking or harassment' },
  { code: 'honour_based', label: 'Honour-based abuse, forced marriage or FGM' },
];

export type Substance =
  'alcohol' | 'opiates' | 'crack' | 'powder_cocaine' | 'cannabis' | 'benzodiazepines' | 'nps' | 'other';
export const SUBSTANCES: CodeList<Substance> = [
  { code: 'alcohol', label: 'Alcohol' },
  { code: 'opiates', label: 'Opiates' },
  { code: 'crack', label: 'Crack cocaine' },
  { code: 'powder_cocaine', label: 'Powder cocaine' },
  { code: 'cannabis', label: 'Cannabis' },
  { code: 'benzodiazepines', label: 'Benzodiazepines or prescription medicines' },
  { code: 'nps', label: 'New psychoactive substances' },
  { code: 'other', label: 'Other substances' },
];

export const GENDERS: CodeList<'female' | 'male' | 'other'> = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'other', label: 'Another gender identity' },
];

export const AGE_BANDS: CodeList<'16_17' | '18_24' | '25_34' | '35_44' | '45_54' | '55_64' | '65_plus'> = [
  { code: '16_17', label: '16 to 17' },
  { code: '18_24', label: '18 to 24' },
  { code: '25_34', label: '25 to 34' },
  { code: '35_44', label: '35 to 44' },
  { code: '45_54', label: '45 to 54' },
  { code: '55_64', label: '55 to 64' },
  { code: '65_plus', label: '65 and over' },
];

/** The five high-level ethnic groups of the England and Wales census. */
export const ETHNIC_GROUPS: CodeList<'white' | 'mixed' | 'asian' | 'black' | 'other'> = [
  { code: 'white', label: 'White' },
  { code: 'mixed', label: 'Mixed or multiple ethnic groups' },
  { code: 'asian', label: 'Asian or Asian British' },
  { code: 'black', label: 'Black, Black British, Caribbean or African' },
  { code: 'other', label: 'Other ethnic group' },
];

export const PERSON_ROLES: CodeList<'victim' | 'perpetrator'> = [
  { code: 'victim', label: 'Victim or survivor' },
  { code: 'perpetrator', label: 'Person causing harm' },
];

export const DISCLOSURE_TIMINGS: CodeList<'at_assessment' | 'later'> = [
  { code: 'at_assessment', label: 'At assessment' },
  { code: 'later', label: 'Later in the working relationship' },
];

export const DISCLOSURE_RECENCY: CodeList<'current' | 'past'> = [
  { code: 'current', label: 'Current' },
  { code: 'past', label: 'Past' },
];

export type MaracReferralSource =
  | 'police'
  | 'idva'
  | 'childrens_social_care'
  | 'adult_social_care'
  | 'primary_care'
  | 'secondary_care'
  | 'mental_health'
  | 'substance_misuse'
  | 'probation'
  | 'voluntary_sector'
  | 'mash'
  | 'education'
  | 'housing'
  | 'other';

/** Who referred a case to Marac, as in the national Marac dataset. */
export const MARAC_REFERRAL_SOURCES: CodeList<MaracReferralSource> = [
  { code: 'police', label: 'Police' },
  { code: 'idva', label: 'Idva service' },
  { code: 'childrens_social_care', label: "Children's social care" },
  { code: 'adult_social_care', label: 'Adult social care' },
  { code: 'primary_care', label: 'Primary care' },
  { code: 'secondary_care', label: 'Secondary care' },
  { code: 'mental_health', label: 'Mental health' },
  { code: 'substance_misuse', label: 'Substance misuse services' },
  { code: 'probation', label: 'Probation' },
  { code: 'voluntary_sector', label: 'Voluntary sector' },
  { code: 'mash', label: 'MASH' },
  { code: 'education', label: 'Education' },
  { code: 'housing', label: 'Housing' },
  { code: 'other', label: 'Other' },
];

export type CoreMaracAgency =
  | 'police'
  | 'idva'
  | 'housing'
  | 'childrens_services'
  | 'probation'
  | 'health'
  | 'mental_health'
  | 'substance_misuse'
  | 'adult_social_care';

/** The agencies expected at every Marac meeting. */
export const CORE_MARAC_AGENCIES: CodeList<CoreMaracAgency> = [
  { code: 'police', label: 'Police' },
  { code: 'idva', label: 'Idva service' },
  { code: 'housing', label: 'Housing' },
  { code: 'childrens_services', label: "Children's services" },
  { code: 'probation', label: 'Probation' },
  { code: 'health', label: 'Health' },
  { code: 'mental_health', label: 'Mental health' },
  { code: 'substance_misuse', label: 'Substance misuse services' },
  { code: 'adult_social_care', label: 'Adult social care' },
];
