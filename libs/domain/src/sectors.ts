import type { CodeList } from './code-list.js';

export type SectorCode =
  | 'domestic_abuse_service'
  | 'refuge'
  | 'idva_service'
  | 'drug_alcohol_service'
  | 'mental_health'
  | 'police'
  | 'probation'
  | 'housing'
  | 'childrens_social_care'
  | 'adult_social_care'
  | 'health'
  | 'perpetrator_programme'
  | 'other';

/**
 * The kinds of agency in a dual-issue partnership. `side` says which half of the
 * dual issue an agency mainly works on, so routine enquiry can ask about the other half.
 */
export type DualIssueSide = 'domestic_abuse' | 'substance_use' | 'universal';

export const SECTORS: CodeList<SectorCode, { side: DualIssueSide }> = [
  {
    code: 'domestic_abuse_service',
    label: 'Domestic abuse service',
    side: 'domestic_abuse',
    description: 'Community outreach, floating support and advice for people experiencing domestic abuse.',
  },
  {
    code: 'refuge',
    label: 'Refuge',
    side: 'domestic_abuse',
    description: 'Safe temporary accommodation with support, including safe houses.',
  },
  {
    code: 'idva_service',
    label: 'Idva service',
    side: 'domestic_abuse',
    description: 'Independent domestic violence advisers working with people at high risk.',
  },
  {
    code: 'drug_alcohol_service',
    label: 'Drug and alcohol service',
    side: 'substance_use',
    description: 'Community or residential treatment and recovery for substance use.',
  },
  {
    code: 'mental_health',
    label: 'Mental health',
    side: 'universal',
    description: 'Secondary and community mental health services.',
  },
  { code: 'police', label: 'Police', side: 'universal' },
  { code: 'probation', label: 'Probation', side: 'universal' },
  {
    code: 'housing',
    label: 'Housing',
    side: 'universal',
    description: 'Housing options, homelessness and social landlords.',
  },
  { code: 'childrens_social_care', label: "Children's social care", side: 'universal' },
  { code: 'adult_social_care', label: 'Adult social care', side: 'universal' },
  {
    code: 'health',
    label: 'Health (GP, A&E, maternity)',
    side: 'universal',
    description: 'Primary care, emergency departments and other NHS services.',
  },
  {
    code: 'perpetrator_programme',
    label: 'Perpetrator programme',
    side: 'domestic_abuse',
    description: 'Behaviour-change work with people who cause harm.',
  },
  { code: 'other', label: 'Other', side: 'universal' },
];
