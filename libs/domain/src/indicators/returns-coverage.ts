/** Whether the returns an indicator is worked out from arrived: none, some of those due, or all. */
export type ReturnsStatus = 'no_returns' | 'partial' | 'complete';

/** Returns received for the quarters of a range, and how many the active owners were due to send by their schedules. */
export interface ReturnCount {
  received: number;
  due: number;
}

/** Which districts in view a Marac returned for: a rate per 10,000 women counts only these districts' women. */
export interface Coverage {
  districts: number;
  districtsReporting: number;
  /** For the page and reports, for example "3 of 4 districts reporting". */
  label: string;
  reporting: { code: string; name: string }[];
  notReporting: { code: string; name: string }[];
}
