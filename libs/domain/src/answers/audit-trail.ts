/** One event of the audit trail. */
export interface AuditEvent {
  id: string;
  /** When, as an ISO timestamp. */
  at: string;
  actor: { id: string | null; email: string | null; role: string | null } | null;
  /** One of the codes in GET /api/reference/code-lists `auditActions`. */
  action: string;
  target: { type: string; id: string | null } | null;
  areaCode: string | null;
  summary: string;
  details: Record<string, unknown>;
  address: string | null;
}

/** GET /api/audit-events: one page of events, newest first. */
export interface AuditEventsPage {
  events: AuditEvent[];
  page: number;
  pageSize: number;
  total: number;
}
