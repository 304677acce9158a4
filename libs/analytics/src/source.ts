import type { ReturnTypeId } from '@waymark/domain';

/** Where an agency or Marac sits in the geography, so facts can be filtered at any level without a join. */
export interface AreaPath {
  lad: string;
  csp: string | null;
  pfa: string | null;
}

export interface AreaRow {
  code: string;
  name: string;
  type: 'lad' | 'csp' | 'pfa';
  parentCode: string | null;
  females16plus: number | null;
}

export interface AgencyRow {
  id: string;
  name: string;
  sector: string;
  areaCode: string;
  active: boolean;
}

export interface MaracRow {
  id: string;
  name: string;
  areaCode: string;
  active: boolean;
}

/** Which returns an agency or Marac is due to send, from one quarter until another (or until further notice). */
export interface ScheduleRow {
  id: string;
  agencyId: string | null;
  maracId: string | null;
  returnType: ReturnTypeId;
  from: string;
  until: string | null;
}

/** A current return as the warehouse places it: owner, type and quarter. Its rows are exported apart. */
export interface StoredReturn {
  id: string;
  returnType: ReturnTypeId;
  agencyId: string | null;
  maracId: string | null;
  period: string;
  /** How many rows it holds, so that a catch-up can write in batches of about the same size. */
  rows: number;
}

/** One part of an export, complete on disk: the `part`th of `parts`. */
export interface ExportedPart {
  file: string;
  rows: number;
  part: number;
  parts: number;
}

export interface AuditFacts {
  auditId: string;
  agencyId: string | null;
  maracId: string | null;
  period: string;
  ratings: {
    code: string;
    themeId: string;
    themeTitle: string;
    statement: string;
    selfRating: string | null;
    rating: string | null;
  }[];
}

/** A stored return the warehouse cannot take (kept from before a rule existed), to be reported rather than stop a build. */
export interface UnloadableReturn {
  id: string;
  returnType: ReturnTypeId;
  period: string;
  reason: string;
}

/** Totals that PostgreSQL and the warehouse must agree on. */
export interface Fingerprint {
  [table: string]: { rows: number; groups: number; total: number };
}

/** One numbered change to what the warehouse is built from, as PostgreSQL's outbox recorded it. */
export interface WarehouseChange {
  seq: number;
  /** Unique to this change, where `seq` may be issued again by a restored database. */
  id: string;
  kind: 'submission' | 'audit' | 'dimensions';
  /** The return or audit changed; null for areas, agencies, Maracs and schedules, which are reloaded whole. */
  ref: string | null;
  /** Whose return (of which type, for which quarter) or audit (for which year) it was; null for owners. */
  owner: string | null;
  returnType: ReturnTypeId | null;
  period: string | null;
}

/** A return or audit that no longer has a current version: its owner's rows for that quarter or year leave the warehouse. */
export interface Withdrawn {
  owner: string;
  /** The return type, or null for an audit. */
  returnType: ReturnTypeId | null;
  period: string;
}

/** Where the outbox stands: whose numbers they are, the newest, and up to which number old changes were cleared away. */
export interface OutboxPosition {
  databaseId: string;
  newest: number;
  /** The newest change's id; null when no change has been recorded. */
  newestId: string | null;
  clearedThrough: number;
}

/**
 * What the warehouse is built from. The API implements it over PostgreSQL (the system of record);
 * the warehouse never connects to PostgreSQL itself.
 */
export interface WarehouseSource {
  areas(): Promise<AreaRow[]>;
  agencies(): Promise<AgencyRow[]>;
  maracs(): Promise<MaracRow[]>;
  schedules(): Promise<ScheduleRow[]>;
  /** The current version of the return a submission belongs to (same owner, type and quarter); null when the warehouse cannot take it. */
  submission(id: string): Promise<StoredReturn | null>;
  /** The current submitted audit of the owner and year an audit belongs to, with effective ratings; null when there is none. */
  audit(id: string): Promise<AuditFacts | null>;
  outbox(): Promise<OutboxPosition>;
  /** Changes numbered after `after`, oldest first, at most `limit`. */
  changes(after: number, limit: number): Promise<WarehouseChange[]>;
  /** The id of the change with this number, or null when the outbox holds none. */
  changeId(seq: number): Promise<string | null>;
  /** Current returns left out of every build and fingerprint, and why. */
  unloadable(): Promise<UnloadableReturn[]>;
  /**
   * Writes the current loadable rows of one return type (or only those of the returns named) as CSV
   * with a header: submission_id, agency_id, marac_id, period and row_number, then each dictionary
   * field by its key (lists as [a,b]). Rows go to parts named by `fileOf(part)`, each yielded once it
   * is complete, so the warehouse loads one part while later ones are still being written. Stopping
   * the iteration early stops the export.
   */
  exportRows(returnType: ReturnTypeId, fileOf: (part: number) => string, only?: string[]): AsyncIterable<ExportedPart>;
  /** Every current submitted audit with its effective ratings. */
  audits(): AsyncIterable<AuditFacts>;
  fingerprint(): Promise<Fingerprint>;
}
