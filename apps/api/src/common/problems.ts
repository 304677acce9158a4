import { STATUS_CODES } from 'node:http';
import type { Problem, Refusal } from '@waymark/domain';
import type { Response } from 'express';

/**
 * Every refusal Waymark sends has one shape: `{statusCode, message, problems: [{row, column, rule,
 * message}]}`, so a script or the dashboard can read any 4xx the same way (`Refusal` in the domain).
 */
export type ProblemBody = Refusal;

/** The rule named when an answer carries no more precise one. */
const RULE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'sign_in_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  414: 'too_long',
  415: 'media_type',
  422: 'invalid',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

export const ruleForStatus = (status: number) => RULE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'refused');

export function problemBody(
  status: number,
  rule: string,
  message: string,
  row: number | null = null,
  column: string | null = null,
): ProblemBody {
  return { statusCode: status, message, problems: [{ row, column, rule, message }] };
}

/** Answers at once with one problem: for middleware that runs before Nest's exception filters. */
export function sendProblem(response: Response, status: number, rule: string, message: string): void {
  if (response.headersSent) return void response.end();
  response.status(status).json(problemBody(status, rule, message));
}

/** A raw HTTP/1.1 answer for a socket the HTTP parser gave up on (no request object exists). */
export function rawProblemResponse(status: number, rule: string, message: string): string {
  const body = JSON.stringify(problemBody(status, rule, message));
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Brings any exception answer to the problem shape, keeping what it already says: problems get
 * `row`, `column` and `rule` where they had only a path or field; form errors (`errors: [{field,
 * message}]`) stay for the forms and are repeated as problems.
 */
export function toProblemBody(status: number, response: unknown): ProblemBody {
  const body: Record<string, unknown> = isRecord(response)
    ? { ...response }
    : { message: typeof response === 'string' ? response : STATUS_CODES[status] };
  const message = Array.isArray(body.message)
    ? body.message.map(String).join('; ')
    : typeof body.message === 'string'
      ? body.message
      : (STATUS_CODES[status] ?? 'Refused');
  const rule = ruleForStatus(status);
  let problems: Problem[];
  if (Array.isArray(body.problems)) {
    problems = body.problems.map((p) => {
      const item = isRecord(p) ? p : { message: String(p) };
      const column = item.column ?? item.field ?? item.path ?? null;
      return {
        ...item,
        row: typeof item.row === 'number' ? item.row : null,
        column: typeof column === 'string' ? column : null,
        rule: typeof item.rule === 'string' ? item.rule : rule,
        message: typeof item.message === 'string' ? item.message : message,
      };
    });
  } else if (Array.isArray(body.errors)) {
    problems = body.errors.map((e) => {
      const item = isRecord(e) ? e : {};
      return {
        row: null,
        column: typeof item.field === 'string' ? item.field : null,
        rule: 'invalid_field',
        message: typeof item.message === 'string' ? item.message : message,
      };
    });
  } else problems = [{ row: null, column: null, rule, message }];
  return { ...body, statusCode: status, message, problems };
}
