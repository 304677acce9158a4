import { CORE_MARAC_AGENCIES, MARAC_REFERRAL_SOURCES } from './code-lists.js';
import { field } from './fields.js';
import type { ReturnType } from './return-type.js';

const ACTIVITY = 'Meetings and cases';
const SOURCES = 'Referral sources';
const DIVERSITY = 'Who the cases are about';
const NEEDS = 'Complex needs';
const SPOC = 'Single point of contact';
const ATTENDANCE = 'Attendance of core agencies';

const sourceFields = MARAC_REFERRAL_SOURCES.map((s) =>
  field.share(
    `referrals_${s.code}`,
    `Referred by ${s.label.toLowerCase()}`,
    `Cases this quarter referred by ${s.label.toLowerCase()}. When two agencies referred one case together, give each 0.5.`,
    SOURCES,
  ),
);
const attendanceFields = CORE_MARAC_AGENCIES.map((a) =>
  field.count(
    `attended_${a.code}`,
    `${a.label} attended`,
    `Meetings this quarter that ${a.label.toLowerCase()} attended.`,
    ATTENDANCE,
    'meetings',
  ),
);

/** The quarterly return of one Marac, in line with the national Marac dataset, plus complex needs. */
export const MARAC_QUARTER: ReturnType = {
  id: 'marac-quarter',
  title: 'Marac return',
  description:
    'Quarterly figures from one Marac: cases, repeats, where referrals came from, who attended, and complex needs.',
  submittedBy: 'marac',
  shape: 'single',
  expected: true,
  fields: [
    field.count('meetings_held', 'Meetings held', 'Marac meetings held in the quarter.', ACTIVITY, 'meetings'),
    field.count('cases_discussed', 'Cases discussed', 'Cases heard at Marac in the quarter.', ACTIVITY, 'cases'),
    field.count(
      'repeat_cases',
      'Repeat cases',
      'Cases heard again within 12 months of their last Marac referral because of further abuse between the same people.',
      ACTIVITY,
      'cases',
    ),
    ...sourceFields,
    field.count('victims_male', 'Male victims', 'Cases where the victim is male.', DIVERSITY, 'cases'),
    field.count(
      'victims_minoritised',
      'Black, Asian or racially minoritised victims',
      'Cases where the victim is from a Black, Asian or other racially minoritised group.',
      DIVERSITY,
      'cases',
    ),
    field.count(
      'victims_lgbt',
      'LGBT+ victims',
      'Cases where the victim is lesbian, gay, bisexual or trans.',
      DIVERSITY,
      'cases',
    ),
    field.count('victims_disabled', 'Disabled victims', 'Cases where the victim is disabled.', DIVERSITY, 'cases'),
    field.count('victims_16_17', 'Victims aged 16 to 17', 'Cases where the victim is 16 or 17.', DIVERSITY, 'cases'),
    field.count(
      'perpetrators_17_or_under',
      'People causing harm aged 17 or under',
      'Cases where the person causing harm is 17 or younger.',
      DIVERSITY,
      'cases',
    ),
    field.count(
      'children_in_households',
      'Children in the households',
      'Children living in the households of the cases discussed.',
      DIVERSITY,
      'children',
    ),
    field.count(
      'victim_substance_use',
      'Victim uses substances problematically',
      'Cases where the victim misuses drugs or alcohol.',
      NEEDS,
      'cases',
    ),
    field.count(
      'perpetrator_substance_use',
      'Person causing harm uses substances problematically',
      'Cases where the person causing harm misuses drugs or alcohol.',
      NEEDS,
      'cases',
    ),
    field.count(
      'victim_mental_health',
      'Victim has mental ill-health',
      'Cases where the victim has mental ill-health.',
      NEEDS,
      'cases',
    ),
    field.count(
      'perpetrator_mental_health',
      'Person causing harm has mental ill-health',
      'Cases where the person causing harm has mental ill-health.',
      NEEDS,
      'cases',
    ),
    field.count(
      'spoc_assigned',
      'Single point of contact assigned',
      'Cases with a named single point of contact for the victim.',
      SPOC,
      'cases',
    ),
    field.count(
      'spoc_substance_misuse',
      'Contact is a substance-use practitioner',
      'Of those, cases whose single point of contact works in a substance-use service.',
      SPOC,
      'cases',
    ),
    field.count(
      'spoc_mental_health',
      'Contact is a mental-health practitioner',
      'Of those, cases whose single point of contact works in mental health.',
      SPOC,
      'cases',
    ),
    ...attendanceFields,
    field.count(
      'actions_agreed',
      'Actions agreed',
      'Actions agreed at the meetings this quarter.',
      ACTIVITY,
      'actions',
    ),
    field.count(
      'actions_completed',
      'Actions completed',
      'Of those actions, the ones completed by the end of the quarter.',
      ACTIVITY,
      'actions',
    ),
  ],
  rules: [
    { id: 'repeats_within_cases', kind: 'at_most', fields: ['repeat_cases'], max: 'cases_discussed' },
    { id: 'sources_add_up', kind: 'sum_equals', parts: sourceFields.map((f) => f.key), total: 'cases_discussed' },
    {
      id: 'case_characteristics_within_cases',
      kind: 'at_most',
      fields: [
        'victims_male',
        'victims_minoritised',
        'victims_lgbt',
        'victims_disabled',
        'victims_16_17',
        'perpetrators_17_or_under',
        'victim_substance_use',
        'perpetrator_substance_use',
        'victim_mental_health',
        'perpetrator_mental_health',
        'spoc_assigned',
      ],
      max: 'cases_discussed',
    },
    {
      id: 'specialist_spocs_within_spocs',
      kind: 'sum_at_most',
      parts: ['spoc_substance_misuse', 'spoc_mental_health'],
      total: 'spoc_assigned',
    },
    {
      id: 'attendance_within_meetings',
      kind: 'at_most',
      fields: attendanceFields.map((f) => f.key),
      max: 'meetings_held',
    },
    { id: 'completed_within_agreed', kind: 'at_most', fields: ['actions_completed'], max: 'actions_agreed' },
  ],
};
