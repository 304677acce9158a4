/** An agency is a service gap when many people disclosed the other issue but few were referred on and engaged. */
export const SERVICE_GAP = { minDisclosed: 10, maxEngagedShare: 0.25 } as const;

/**
 * Judged on the figures the reader sees. A hidden engaged count is known only to be below the
 * disclosure threshold, so it is judged by the most it could be.
 */
export function isServiceGap(disclosed: number | null, engaged: number | null, threshold: number): boolean {
  if (disclosed === null || disclosed < SERVICE_GAP.minDisclosed) return false;
  return (engaged ?? threshold - 1) < disclosed * SERVICE_GAP.maxEngagedShare;
}
