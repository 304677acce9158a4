import { lastFinishedQuarter, quarterFromIndex, quarterIndex, quarterLabel, ukDate } from '@waymark/domain';

/**
 * Quarters that have ended, newest first, as labels like "2025-26 Q1". The quarter under way is left
 * out: nothing can be complete for it, so it is never offered as a choice.
 */
export function recentQuarters(count = 8): string[] {
  const last = quarterIndex(lastFinishedQuarter(ukDate()));
  return Array.from({ length: count }, (_, i) => quarterLabel(quarterFromIndex(last - i)));
}

/** The most recent quarter that has ended: the one returns are usually being sent for. */
export function lastCompleteQuarter(): string {
  return recentQuarters(1)[0];
}
