import type { ReturnAccess } from '../returns/access.js';
import type { ReturnStatus } from '../returns/completeness.js';
import type { ReturnType, ReturnTypeId } from '../returns/return-type.js';

/** GET /api/returns/types: the data dictionary of every return type, for forms and scripts. */
export type ReturnTypesAnswer = readonly ReturnType[];

/** The newest version of a return, which a new one for the same owner and quarter replaces. */
export interface CurrentVersion {
  id: string;
  version: number;
  receivedAt: string;
}

/** GET /api/returns/current: the version a return sent now would replace, or null when there is none. */
export interface CurrentVersionAnswer {
  current: CurrentVersion | null;
}

/** What an accepted return held: a quarterly return's figures, or how many people a case-level one covers. */
export type ReturnSummary =
  { figures: Record<string, unknown> } | { people: number; derivedFigures: Record<string, number> };

/** POST /api/returns/:type (201): the version stored, and the one it replaced. */
export interface ReturnAccepted {
  id: string;
  version: number;
  /** The id of the version this one replaced, or null. */
  supersedes: string | null;
  replaced: CurrentVersion | null;
  returnType: ReturnTypeId;
  period: string;
  agencyId: string | null;
  maracId: string | null;
  /** Rows stored. */
  rows: number;
  /** SHA-256 of the upload, in hex. */
  sha256: string;
  summary: ReturnSummary;
}

/** A stored version of a return: GET /api/returns (a list) and GET /api/returns/:id/versions (a list). */
export interface Submission {
  id: string;
  returnType: ReturnTypeId;
  agencyId: string | null;
  maracId: string | null;
  period: string;
  version: number;
  current: boolean;
  supersededBy: string | null;
  submittedAt: string;
  submittedBy: string;
  ownerName: string;
  areaCode: string;
  fileName: string | null;
  mediaType: string;
  byteSize: number;
  sha256: string;
  rowCount: number;
  /** What the reader may read: its values, or only that it exists (case-level rows stay with their agency). */
  access: ReturnAccess;
}

/** GET /api/returns/:id: a version with its values, or why they are withheld. */
export interface SubmissionDetail extends Submission {
  rows: Record<string, unknown>[] | null;
  rowsWithheld: string | null;
}

/** One return a schedule makes due in the quarter, and where it stands. */
export interface ExpectedReturn {
  kind: ReturnType['submittedBy'];
  returnType: ReturnTypeId;
  /** The agency's or Marac's id. */
  id: string;
  name: string;
  sector: string | null;
  areaCode: string;
  areaName: string;
  /** The current version, when one was sent and the reader may read it. */
  submissionId: string | null;
  version: number | null;
  firstSubmittedOn: string | null;
  dueDate: string;
  status: ReturnStatus;
  statusLabel: string;
}

/** GET /api/returns/completeness: who has sent the returns due in a quarter, who is late and who is missing. */
export interface CompletenessAnswer {
  area: string | null;
  period: string;
  dueDate: string;
  dueDays: number;
  today: string;
  counts: Record<ReturnStatus, number>;
  items: ExpectedReturn[];
}
