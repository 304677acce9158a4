import { parseQuarter, quarterIndex, quarterLabel, quarterOfDate } from '../periods.js';

export interface ScheduleProblem {
  field: 'from' | 'until';
  message: string;
}

/**
 * A return schedule's first and last quarter, checked: each a quarter label, the last absent for
 * "until further notice" and otherwise not before the first.
 */
export function checkScheduleQuarters(
  from: unknown,
  until: unknown,
  today: string,
): { from: string; until: string | null } | { problems: ScheduleProblem[] } {
  const example = quarterLabel(quarterOfDate(today));
  const problems: ScheduleProblem[] = [];
  const read = (field: ScheduleProblem['field'], value: unknown) => {
    const quarter = typeof value === 'string' ? parseQuarter(value) : null;
    if (!quarter)
      problems.push({ field, message: `Enter the ${field === 'from' ? 'first' : 'last'} quarter like ${example}` });
    return quarter;
  };
  const first = read('from', from);
  const last = until === null || until === undefined || until === '' ? null : read('until', until);
  if (first && last && quarterIndex(last) < quarterIndex(first))
    problems.push({ field: 'until', message: 'The last quarter must be the same as the first quarter or after it' });
  if (problems.length) return { problems };
  return { from: quarterLabel(first!), until: last ? quarterLabel(last) : null };
}
