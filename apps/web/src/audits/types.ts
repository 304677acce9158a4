import type { Compliance, StandardRating } from '@waymark/domain';

/** Each rating's words and GOV.UK tag colour. */
export const RATINGS: { code: StandardRating; label: string; tag: string }[] = [
  { code: 'met', label: 'Met', tag: 'govuk-tag--green' },
  { code: 'partly_met', label: 'Partly met', tag: 'govuk-tag--yellow' },
  { code: 'not_met', label: 'Not met', tag: 'govuk-tag--red' },
  { code: 'not_applicable', label: 'Not applicable', tag: 'govuk-tag--grey' },
];

export const ratingLabel = (r: StandardRating | null) => RATINGS.find((x) => x.code === r)?.label ?? 'Not rated';
export const ratingTag = (r: StandardRating | null) => RATINGS.find((x) => x.code === r)?.tag ?? 'govuk-tag--grey';

/** "12 of 30 applicable standards met (40%)" */
export function describeCompliance(c: Compliance): string {
  if (c.applicable === 0) return 'No standards apply.';
  return `${c.met} of ${c.applicable} applicable standards met (${Math.round((c.metShare ?? 0) * 100)}%), ${c.partlyMet} partly met, ${c.notMet} not met; ${c.notApplicable} not applicable.`;
}
