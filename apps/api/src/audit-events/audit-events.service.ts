import { Injectable, type HttpException } from '@nestjs/common';
import { toProblemBody } from '../common/problems.js';
import type { CodeList } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { Caller } from '../scope/area-scope.js';
import { currentRequest } from './request-context.js';

/** Every kind of event the audit trail records. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'setup_completed',
  'return_accepted',
  'return_refused',
  'audit_submitted',
  'rating_moderated',
  'framework_imported',
  'adoption_changed',
  'user_created',
  'user_changed',
  'password_reset',
  'password_changed',
  'agency_created',
  'agency_changed',
  'agencies_imported',
  'agencies_import_refused',
  'marac_created',
  'marac_changed',
  'schedule_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What each action is called on the audit trail page; a new action needs its words here. */
const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  sign_out: 'Signed out',
  setup_completed: 'Set up Waymark',
  return_accepted: 'Return accepted',
  return_refused: 'Return refused',
  audit_submitted: 'Self-audit submitted',
  rating_moderated: 'Self-audit rating moderated',
  framework_imported: 'Standards framework imported',
  adoption_changed: 'Standards adopted or changed',
  user_created: 'Account created',
  user_changed: 'Account changed',
  password_reset: 'Password reset',
  password_changed: 'Own password chosen',
  agency_created: 'Agency created',
  agency_changed: 'Agency changed',
  agencies_imported: 'Agencies imported',
  agencies_import_refused: 'File of agencies refused',
  marac_created: 'Marac created',
  marac_changed: 'Marac changed',
  schedule_changed: 'Return schedule changed',
};

/** The actions as a code list, for the filter's choices. */
export const AUDIT_ACTION_LIST: CodeList<AuditAction> = AUDIT_ACTIONS.map((code) => ({
  code,
  label: AUDIT_ACTION_LABELS[code],
}));

export interface AuditEventInput {
  /** Who acted: a signed-in caller, or for sign-in attempts and set-up the address they gave. */
  actor: Pick<Caller, 'userId' | 'email' | 'role'> | { userId: null; email: string | null; role: null } | null;
  action: AuditAction;
  /** What was acted on (a user, agency, Marac, return, audit…), by id; never a person in the returns. */
  target?: { type: string; id: string | null } | null;
  /** The area the target belongs to, so analysts can read their areas' events. */
  areaCode?: string | null;
  /** One plain sentence for the page and the CSV, e.g. "Created agency Hartlepool refuge". */
  summary: string;
  /** Small structured facts (changed fields, row counts, problem counts); no figures from returns. */
  details?: Record<string, unknown>;
}

/**
 * Writes the audit trail. Every administrative change, sign-in, upload, audit submission and
 * moderation calls `record`; the request's address is taken from the request context. Recording is
 * part of the action: if it fails, the action's request fails too (callers await it).
 */
@Injectable()
export class AuditEventsService {
  constructor(private readonly db: DataSource) {}

  async record(event: AuditEventInput): Promise<void> {
    const actor = event.actor;
    await this.db.query(
      `INSERT INTO audit_event (actor_id, actor_email, actor_role, action, target_type, target_id, area_code, summary, details, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor?.userId ?? null,
        actor?.email?.slice(0, 320) ?? null,
        actor?.role ?? null,
        event.action,
        event.target?.type ?? null,
        event.target?.id ?? null,
        event.areaCode ?? null,
        event.summary.slice(0, 500),
        JSON.stringify(event.details ?? {}),
        currentRequest().address,
      ],
    );
  }
}

/**
 * What the audit trail keeps of a refused upload: its status, how many problems and of which kinds.
 * Never the problems' messages, which may quote the file.
 */
export function refusalOf(error: HttpException): {
  count: string;
  details: { status: number; problems: number; rules: string[] };
} {
  const status = error.getStatus();
  const { problems } = toProblemBody(status, error.getResponse());
  return {
    count: problems.length === 1 ? 'a problem' : `${problems.length} problems`,
    details: { status, problems: problems.length, rules: [...new Set(problems.map((p) => p.rule))].slice(0, 10) },
  };
}
