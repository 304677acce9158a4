import { SECTORS } from '../sectors.js';
import {
  ABUSE_TYPES,
  AGE_BANDS,
  DISCLOSURE_RECENCY,
  DISCLOSURE_TIMINGS,
  ETHNIC_GROUPS,
  GENDERS,
  PERSON_ROLES,
  SUBSTANCES,
} from './code-lists.js';
import { field } from './fields.js';
import type { ReturnType } from './return-type.js';

const EPISODE = 'Episode';
const ENQUIRY = 'Enquiry and disclosure';
const PERSON = 'About the person (banded)';
const PATHWAY = 'Referrals';

/**
 * Anonymised episodes, one row each, for agencies that can send them. A person appears only as
 * a keyed hash made at the agency, so repeats and pathways can be counted without knowing who.
 */
export const CASE_LEVEL: ReturnType = {
  id: 'case-level',
  title: 'Case-level return',
  description: 'One row per anonymised episode in the quarter, identified only by a keyed hash made at your agency.',
  submittedBy: 'agency',
  shape: 'rows',
  expected: false,
  fields: [
    {
      key: 'person_key',
      label: 'Person key',
      help: "A keyed hash (HMAC-SHA-256, hex) of your own identifier for the person, made with your agency's secret key. The same person must get the same key every quarter.",
      kind: 'person_key',
      required: true,
      group: EPISODE,
    },
    {
      key: 'referral_month',
      label: 'Month of referral',
      help: 'The year and month the episode began, within the quarter of the return.',
      kind: 'month',
      required: true,
      group: EPISODE,
    },
    field.code(
      'role',
      'Role',
      'Whether the person is experiencing abuse or causing harm.',
      EPISODE,
      PERSON_ROLES,
      true,
    ),
    field.yesNo(
      'asked',
      'Asked about the other issue',
      'Whether you asked the person about the other issue.',
      ENQUIRY,
      true,
    ),
    field.yesNo(
      'disclosed',
      'Disclosed the other issue',
      'Whether the person disclosed the other issue.',
      ENQUIRY,
      true,
    ),
    field.code(
      'disclosure_timing',
      'When disclosed',
      'At assessment or later in the working relationship. Leave blank if nothing was disclosed.',
      ENQUIRY,
      DISCLOSURE_TIMINGS,
    ),
    field.code(
      'disclosure_recency',
      'Current or past',
      'Whether what was disclosed is happening now or is in the past.',
      ENQUIRY,
      DISCLOSURE_RECENCY,
    ),
    field.codes('abuse_types', 'Types of abuse', 'Every type of abuse disclosed.', ENQUIRY, ABUSE_TYPES),
    field.codes('substances', 'Substances', 'Every substance the person disclosed using.', ENQUIRY, SUBSTANCES),
    field.code('gender', 'Gender', "The person's gender.", PERSON, GENDERS),
    field.code('age_band', 'Age band', "The person's age band at referral; never a date of birth.", PERSON, AGE_BANDS),
    field.code('ethnic_group', 'Ethnic group', 'High-level ethnic group.', PERSON, ETHNIC_GROUPS),
    field.yesNo('disabled', 'Disabled', 'Whether the person is disabled.', PERSON),
    field.yesNo('lgbt', 'LGBT+', 'Whether the person is LGBT+.', PERSON),
    field.yesNo(
      'first_language_not_english',
      'First language not English',
      "Whether the person's first language is not English.",
      PERSON,
    ),
    field.yesNo(
      'children_in_household',
      'Children in the household',
      "Whether children live in the person's household.",
      PERSON,
    ),
    field.code(
      'referred_to',
      'Referred to',
      'The sector you referred the person to for the other issue, if any.',
      PATHWAY,
      SECTORS,
    ),
    field.yesNo(
      'referral_engaged',
      'Engaged after referral',
      'Whether the person engaged with the service you referred them to.',
      PATHWAY,
    ),
    field.yesNo('marac_referral', 'Referred to Marac', 'Whether you referred the case to Marac.', PATHWAY),
    field.yesNo(
      'repeat',
      'Repeat',
      'Whether this is further abuse within 12 months of a previous Marac referral for the same people.',
      PATHWAY,
    ),
  ],
  rules: [
    { id: 'disclosed_only_if_asked', kind: 'only_if_yes', field: 'disclosed', needs: 'asked' },
    { id: 'timing_only_if_disclosed', kind: 'only_if_yes', field: 'disclosure_timing', needs: 'disclosed' },
    { id: 'recency_only_if_disclosed', kind: 'only_if_yes', field: 'disclosure_recency', needs: 'disclosed' },
    { id: 'timing_when_disclosed', kind: 'needs', field: 'disclosed', needs: 'disclosure_timing' },
    { id: 'recency_when_disclosed', kind: 'needs', field: 'disclosed', needs: 'disclosure_recency' },
    { id: 'engaged_only_if_referred', kind: 'needs', field: 'referral_engaged', needs: 'referred_to' },
  ],
};
