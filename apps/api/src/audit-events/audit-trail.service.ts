import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { parseIsoDate, type AuditEventsPage, type Problem } from '@waymark/domain';
import { csvRow } from '../analytics/tabular.js';
import { isUuid } from '../common/ids.js';
import type { Caller } from '../scope/area-scope.js';
import { unprocessable } from '../scope/submitting-owner.js';
import {
  AuditEventsRepository,
  PAGE_SIZE,
  type AuditEventFilter,
  type AuditEventView,
} from './audit-events.repository.js';
import { AUDIT_ACTIONS, type AuditAction } from './audit-events.service.js';

const CSV_COLUMNS: [string, (e: AuditEventView) => unknown][] = [
  ['When (UTC)', (e) => e.at.toISOString()],
  ['Email address', (e) => e.actor?.email],
  ['Account id', (e) => e.actor?.id],
  ['Role', (e) => e.actor?.role],
  ['Action', (e) => e.action],
  ['What happened', (e) => e.summary],
  ['Target type', (e) => e.target?.type],
  ['Target id', (e) => e.target?.id],
  ['Area code', (e) => e.areaCode],
  ['Details', (e) => JSON.stringify(e.details)],
  ['Address', (e) => e.address],
  ['Event id', (e) => e.id],
];

/** The filters of `?from=&to=&actor=&action=&page=`; 422 names every parameter that is wrong. */
function readQuery(query: Record<string, unknown>): { filter: AuditEventFilter; page: number } {
  const problems: Problem[] = [];
  const refuse = (column: string, rule: string, message: string) => problems.push({ row: null, column, rule, message });
  const text = (name: string): string | null => {
    const value = query[name]; // the front door refuses repeated and bracketed keys, so this is text or absent
    return typeof value === 'string' ? value.trim() || null : null;
  };
  const date = (name: string, which: string) => {
    const value = text(name);
    const parsed = value === null ? null : parseIsoDate(value);
    if (value !== null && !parsed) refuse(name, 'date_format', `Enter a real ${which} date, written like 2026-03-27`);
    return parsed;
  };
  const from = date('from', 'start');
  const to = date('to', 'end');
  if (from && to && from > to) refuse('to', 'date_order', 'The end date must be the same as or after the start date');
  const actor = text('actor');
  if (actor && actor.length > 320) refuse('actor', 'too_long', 'Who must be 320 characters or fewer');
  const action = text('action');
  if (action !== null && !AUDIT_ACTIONS.includes(action as AuditAction))
    refuse('action', 'unknown_action', `Choose an action from the list: ${AUDIT_ACTIONS.join(', ')}`);
  const page = text('page') ?? '1';
  if (!/^[1-9]\d{0,5}$/.test(page)) refuse('page', 'page_number', 'The page must be a whole number from 1');
  if (problems.length) throw unprocessable('The audit trail cannot be read with those filters', problems);
  const byId = actor !== null && isUuid(actor);
  return {
    filter: {
      from,
      to,
      actorId: byId ? actor : null,
      actorEmail: byId ? null : actor,
      action: action as AuditAction | null,
    },
    page: Number(page),
  };
}

/** Reading the audit trail: administrators everything, analysts their areas (the route admits only those two). */
@Injectable()
export class AuditTrailService {
  constructor(private readonly events: AuditEventsRepository) {}

  async page(caller: Caller, query: Record<string, unknown>): Promise<AuditEventsPage> {
    const { filter, page } = readQuery(query);
    const { events, total } = await this.events.page(filter, caller, page);
    // `at` as JSON writes it, so the answer's type says what is sent.
    return { events: events.map((e) => ({ ...e, at: e.at.toISOString() })), page, pageSize: PAGE_SIZE, total };
  }

  /** Every matching event as CSV, written as it is read; the filters are checked before the first byte. */
  csv(caller: Caller, query: Record<string, unknown>): { fileName: string; file: Readable } {
    const { filter } = readQuery(query);
    const events = this.events;
    async function* lines() {
      yield '\uFEFF' + csvRow(CSV_COLUMNS.map(([label]) => label));
      for await (const batch of events.all(filter, caller))
        yield batch.map((e) => csvRow(CSV_COLUMNS.map(([, value]) => value(e)))).join('');
    }
    const dates = [filter.from && `from-${filter.from}`, filter.to && `to-${filter.to}`].filter(Boolean).join('-');
    return { fileName: `waymark-audit-trail${dates ? `-${dates}` : ''}.csv`, file: Readable.from(lines()) };
  }
}
