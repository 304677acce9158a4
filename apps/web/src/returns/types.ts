/** The data dictionary as the API publishes it (GET /api/returns/types). */
export interface FieldInfo {
  key: string;
  label: string;
  help: string;
  kind: 'count' | 'share' | 'code' | 'codes' | 'yes_no' | 'month' | 'person_key';
  required: boolean;
  group: string;
  codes?: { code: string; label: string }[];
}

export interface ReturnTypeInfo {
  id: 'agency-quarter' | 'marac-quarter' | 'case-level';
  title: string;
  description: string;
  submittedBy: 'agency' | 'marac';
  shape: 'single' | 'rows';
  fields: FieldInfo[];
}

export interface Problem {
  row: number | null;
  column: string | null;
  rule: string;
  message: string;
}

/** The newest version of a return (GET /api/returns/current), which a new one would replace. */
export interface CurrentVersion {
  id: string;
  version: number;
  receivedAt: string;
}

export interface Accepted {
  id: string;
  version: number;
  replaced: CurrentVersion | null;
  period: string;
  rows: number;
  returnType: string;
}

export interface SubmissionInfo {
  id: string;
  returnType: string;
  period: string;
  version: number;
  current: boolean;
  submittedAt: string;
  submittedBy: string;
  ownerName: string;
  fileName: string | null;
  mediaType: string;
  byteSize: number;
  sha256: string;
  rowCount: number;
  /** What the reader may read: its values, or only that it exists (case-level rows stay with their agency). */
  access: 'values' | 'listing';
  rows?: Record<string, unknown>[] | null;
  rowsWithheld?: string | null;
}

/** Which return types a role may send. */
export function typesFor(role: string, all: ReturnTypeInfo[]): ReturnTypeInfo[] {
  if (role === 'admin') return all;
  if (role === 'agency_submitter') return all.filter((t) => t.submittedBy === 'agency');
  if (role === 'marac_coordinator') return all.filter((t) => t.submittedBy === 'marac');
  return [];
}
