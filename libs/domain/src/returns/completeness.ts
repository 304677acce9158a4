/** Where a return a partnership expects stands on a given day. */
export type ReturnStatus = 'returned' | 'late' | 'missing' | 'not_yet_due';

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  returned: 'Returned on time',
  late: 'Returned late',
  missing: 'Missing',
  not_yet_due: 'Not due yet',
};

/**
 * On time means the first version arrived by the end of the due date; a later correction does not
 * make an on-time return late. All dates are UK civil dates (YYYY-MM-DD).
 */
export function returnStatus(firstSubmittedOn: string | null, dueDate: string, today: string): ReturnStatus {
  if (firstSubmittedOn) return firstSubmittedOn <= dueDate ? 'returned' : 'late';
  return today > dueDate ? 'missing' : 'not_yet_due';
}

// Built once: making a formatter is far dearer than using one, and this runs on every request.
const UK_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the UK, whatever the server's time zone. */
export function ukDate(instant: Date = new Date()): string {
  return UK_DAY.format(instant);
}
