/**
 * Disclosure control for people below analyst level: small counts (1 to threshold − 1) are hidden,
 * and enough other cells are hidden with them that no hidden count can be worked out by
 * subtracting from a total that is shown.
 */
export const DEFAULT_THRESHOLD = 5;

export const isSmall = (count: number, threshold = DEFAULT_THRESHOLD) => count > 0 && count < threshold;

/** How a hidden count is shown, for example "<5". */
export const hiddenLabel = (threshold = DEFAULT_THRESHOLD) => `<${threshold}`;

export interface GroupSuppression {
  /** Positions of the parts to hide. */
  hidden: Set<number>;
  /** True when the total must be hidden as well (it is small, or hiding another part was not possible). */
  hideTotal: boolean;
}

/**
 * One group of parts that add up to a total that is shown (a row of a table with its row total).
 * A lone hidden part could be recovered as total − the rest, so the next smallest non-zero part is
 * hidden too; when there is none, the total is hidden instead.
 */
export function suppressGroup(parts: readonly number[], threshold = DEFAULT_THRESHOLD, alreadyHidden: ReadonlySet<number> = new Set()): GroupSuppression {
  const hidden = new Set<number>(alreadyHidden);
  parts.forEach((p, i) => isSmall(p, threshold) && hidden.add(i));
  const total = parts.reduce((s, p) => s + p, 0);
  if (isSmall(total, threshold)) {
    parts.forEach((p, i) => p > 0 && hidden.add(i));
    return { hidden, hideTotal: true };
  }
  if (hidden.size !== 1) return { hidden, hideTotal: false };
  const candidates = parts.map((p, i) => ({ p, i })).filter(({ p, i }) => p > 0 && !hidden.has(i)).sort((a, b) => a.p - b.p);
  if (candidates.length === 0) return { hidden, hideTotal: true };
  hidden.add(candidates[0].i);
  return { hidden, hideTotal: false };
}
