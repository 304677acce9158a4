import type { CodeList } from './code-list.js';

export type JointWorkingModel = 'joint_liaison' | 'parallel' | 'integrated' | 'serial';

/**
 * How a substance-use service and a domestic abuse service share a person's care
 * (the four models of the Welsh good practice framework, in our words).
 * `recommended` marks the model the framework prefers.
 */
export const JOINT_WORKING_MODELS: CodeList<JointWorkingModel, { recommended: boolean }> = [
  {
    code: 'joint_liaison',
    label: 'Joint liaison (collaborative)',
    recommended: true,
    description:
      'Both services manage the person together, often through a named link worker who holds the risk and care plan.',
  },
  {
    code: 'parallel',
    label: 'Parallel',
    recommended: false,
    description:
      'Both services work with the person at the same time but separately; responsibility can blur and people repeat their story.',
  },
  {
    code: 'integrated',
    label: 'Integrated',
    recommended: false,
    description:
      'One designated team delivers both kinds of help; effective but costly and can sit apart from mainstream services.',
  },
  {
    code: 'serial',
    label: 'Serial',
    recommended: false,
    description: 'One issue is treated after the other with little contact between services.',
  },
];
