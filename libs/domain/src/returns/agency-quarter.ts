import { ABUSE_TYPES, AGE_BANDS, ETHNIC_GROUPS, GENDERS, SUBSTANCES } from './code-lists.js';
import { countsPerCode, field } from './fields.js';
import type { ReturnType } from './return-type.js';

const ENQUIRY = 'Routine enquiry';
const DISCLOSURE = 'Disclosures';
const ABUSE = 'Types of abuse disclosed';
const USE = 'Substances disclosed';
const PATHWAYS = 'Referrals between services';
const SAFEGUARDING = 'Marac and safeguarding';
const PEOPLE = 'People who disclosed';
const OUTCOMES = 'Outcomes and workforce';

const abuseFields = countsPerCode(
  'abuse',
  ABUSE_TYPES,
  (c) =>
    `People who disclosed ${c.label.toLowerCase()} this quarter. Count a person once for each type they disclosed.`,
  ABUSE,
);
const ofThoseDisclosing = (what: string) => (c: { label: string }) =>
  `Of those who disclosed, people whose ${what} is ${c.label.toLowerCase()}.`;
const genderFields = countsPerCode('disclosing_gender', GENDERS, ofThoseDisclosing('gender'), PEOPLE);
const ageFields = countsPerCode('disclosing_age', AGE_BANDS, ofThoseDisclosing('age band'), PEOPLE);
const ethnicFields = countsPerCode('disclosing_ethnic', ETHNIC_GROUPS, ofThoseDisclosing('ethnic group'), PEOPLE);
const substanceFields = countsPerCode(
  'substance',
  SUBSTANCES,
  (c) => `People who disclosed using ${c.label.toLowerCase()} this quarter. Count a person once for each substance.`,
  USE,
);

/**
 * The quarterly dual-issue return of one agency: counts of people, never individuals. "The other
 * issue" is domestic abuse for substance-use services and substance use for domestic abuse
 * services; universal services ask about both and report domestic abuse here.
 */
export const AGENCY_QUARTER: ReturnType = {
  id: 'agency-quarter',
  title: 'Agency dual-issue return',
  description:
    'Quarterly counts from one agency of who was asked about the other issue, who disclosed it, and where they were referred.',
  submittedBy: 'agency',
  shape: 'single',
  expected: true,
  fields: [
    field.count(
      'caseload',
      'Caseload',
      'Different people your service worked with at any point in the quarter.',
      ENQUIRY,
    ),
    field.count(
      'new_presentations',
      'New presentations',
      'People who started with your service during the quarter.',
      ENQUIRY,
    ),
    field.count(
      'asked',
      'Asked about the other issue',
      'People you asked, as routine, about the other issue: domestic abuse if you are a substance-use service, substance use if you are a domestic abuse service.',
      ENQUIRY,
    ),
    field.count(
      'disclosed',
      'Disclosed the other issue',
      'People who told you about the other issue, out of those asked.',
      DISCLOSURE,
    ),
    field.count(
      'disclosed_at_assessment',
      'Disclosed at assessment',
      'Of those who disclosed, people who did so at their first assessment.',
      DISCLOSURE,
    ),
    field.count(
      'disclosed_later',
      'Disclosed later',
      'Of those who disclosed, people who did so later in the working relationship.',
      DISCLOSURE,
    ),
    field.count(
      'disclosed_current',
      'Disclosed current',
      'Of those who disclosed, people for whom the issue is happening now.',
      DISCLOSURE,
    ),
    field.count(
      'disclosed_past',
      'Disclosed past only',
      'Of those who disclosed, people for whom it is in the past.',
      DISCLOSURE,
    ),
    field.count(
      'victims_identified',
      'Victims identified',
      'People identified as experiencing domestic abuse.',
      DISCLOSURE,
    ),
    field.count(
      'perpetrators_identified',
      'People causing harm identified',
      'People identified as using abusive behaviour.',
      DISCLOSURE,
    ),
    field.count(
      'abuser_substance_use',
      "Abuser's substance use disclosed",
      'Victims who said the person harming them uses drugs or alcohol.',
      DISCLOSURE,
    ),
    ...abuseFields,
    ...substanceFields,
    field.count(
      'referrals_made',
      'Referrals made to the partner sector',
      'Referrals you made to a service for the other issue.',
      PATHWAYS,
      'referrals',
    ),
    field.count(
      'referrals_made_engaged',
      'Referrals made that engaged',
      'Of the referrals you made, those where the person went on to engage.',
      PATHWAYS,
      'referrals',
    ),
    field.count(
      'referrals_received',
      'Referrals received from the partner sector',
      'Referrals you received from a service for the other issue.',
      PATHWAYS,
      'referrals',
    ),
    field.count(
      'referrals_received_engaged',
      'Referrals received that engaged',
      'Of the referrals you received, those where the person engaged with you.',
      PATHWAYS,
      'referrals',
    ),
    field.count(
      'marac_referrals',
      'Marac referrals made',
      'Cases you referred to Marac this quarter.',
      SAFEGUARDING,
      'referrals',
    ),
    field.count(
      'child_safeguarding_referrals',
      "Children's safeguarding referrals",
      "Referrals you made to children's social care.",
      SAFEGUARDING,
      'referrals',
    ),
    field.count(
      'adult_safeguarding_referrals',
      'Adult safeguarding referrals',
      'Referrals you made to adult social care under safeguarding duties.',
      SAFEGUARDING,
      'referrals',
    ),
    field.count(
      'households_with_children',
      'Households with children',
      'People on your caseload with children living in the household.',
      SAFEGUARDING,
    ),
    ...genderFields,
    ...ageFields,
    ...ethnicFields,
    field.count('disclosing_disabled', 'Disabled', 'Of those who disclosed, people who are disabled.', PEOPLE),
    field.count(
      'disclosing_lgbt',
      'LGBT+',
      'Of those who disclosed, people who are lesbian, gay, bisexual, trans or another minority identity.',
      PEOPLE,
    ),
    field.count(
      'disclosing_first_language_not_english',
      'First language not English',
      'Of those who disclosed, people whose first language is not English.',
      PEOPLE,
    ),
    field.count('exits', 'Planned and unplanned exits', 'People who left your service during the quarter.', OUTCOMES),
    field.count(
      'exits_better_managing_substance_use',
      'Exits better managing substance use',
      'Of those who left, people managing their substance use better.',
      OUTCOMES,
    ),
    field.count(
      'exits_feeling_safer',
      'Exits feeling safer',
      'Of those who left, people who said they feel safer.',
      OUTCOMES,
    ),
    field.count(
      'staff',
      'Staff in post',
      'Practitioners working with service users at the end of the quarter.',
      OUTCOMES,
      'staff',
    ),
    field.count(
      'staff_trained',
      'Staff trained in dual issues',
      'Of those staff, people trained in working with both issues.',
      OUTCOMES,
      'staff',
    ),
  ],
  rules: [
    {
      id: 'new_within_caseload',
      kind: 'at_most',
      fields: [
        'new_presentations',
        'asked',
        'households_with_children',
        'victims_identified',
        'perpetrators_identified',
        'marac_referrals',
      ],
      max: 'caseload',
    },
    { id: 'disclosed_within_asked', kind: 'at_most', fields: ['disclosed'], max: 'asked' },
    {
      id: 'timing_adds_up',
      kind: 'sum_equals',
      parts: ['disclosed_at_assessment', 'disclosed_later'],
      total: 'disclosed',
    },
    { id: 'recency_adds_up', kind: 'sum_equals', parts: ['disclosed_current', 'disclosed_past'], total: 'disclosed' },
    { id: 'abuser_use_within_victims', kind: 'at_most', fields: ['abuser_substance_use'], max: 'victims_identified' },
    {
      id: 'types_within_caseload',
      kind: 'at_most',
      fields: [...abuseFields, ...substanceFields].map((f) => f.key),
      max: 'caseload',
    },
    { id: 'engaged_within_made', kind: 'at_most', fields: ['referrals_made_engaged'], max: 'referrals_made' },
    {
      id: 'engaged_within_received',
      kind: 'at_most',
      fields: ['referrals_received_engaged'],
      max: 'referrals_received',
    },
    { id: 'gender_within_disclosed', kind: 'sum_at_most', parts: genderFields.map((f) => f.key), total: 'disclosed' },
    { id: 'age_within_disclosed', kind: 'sum_at_most', parts: ageFields.map((f) => f.key), total: 'disclosed' },
    {
      id: 'ethnicity_within_disclosed',
      kind: 'sum_at_most',
      parts: ethnicFields.map((f) => f.key),
      total: 'disclosed',
    },
    {
      id: 'characteristics_within_disclosed',
      kind: 'at_most',
      fields: ['disclosing_disabled', 'disclosing_lgbt', 'disclosing_first_language_not_english'],
      max: 'disclosed',
    },
    {
      id: 'exit_outcomes_within_exits',
      kind: 'at_most',
      fields: ['exits_better_managing_substance_use', 'exits_feeling_safer'],
      max: 'exits',
    },
    { id: 'exits_within_caseload', kind: 'at_most', fields: ['exits'], max: 'caseload' },
    { id: 'trained_within_staff', kind: 'at_most', fields: ['staff_trained'], max: 'staff' },
  ],
};
