import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { rawProblemResponse, sendProblem } from './problems.js';

/** C0 and C1 control characters: no path segment or query value Waymark reads may hold one. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Longer than any filter value Waymark reads (a list of every indicator id fits easily). */
export const MAX_QUERY_VALUE = 1_000;
const MAX_QUERY_PARAMETERS = 30;

const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));

/**
 * Checks the address before any route sees it, so no handler ever meets a shape it did not
 * expect: a broken %-escape, a control character (a line break would otherwise reach a header),
 * a query key given twice or in bracket form (Express would hand the handler an array where it
 * reads a string), or an overlong value. Each is answered 400 (414 for length) as a problem.
 */
export function checkAddress(request: Request, response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url ?? '';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return sendProblem(response, 400, 'bad_encoding', 'The address has a broken %-escape');
  }
  if (CONTROL.test(decodedPath))
    return sendProblem(
      response,
      400,
      'control_character',
      'The address contains a control character, such as a line break',
    );
  if (mark < 0) return next();

  const seen = new Set<string>();
  for (const pair of url.slice(mark + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decode(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    } catch {
      return sendProblem(response, 400, 'bad_encoding', 'A query parameter has a broken %-escape');
    }
    const name = JSON.stringify(key.replace(CONTROL, '?').slice(0, 40));
    if (CONTROL.test(key) || CONTROL.test(value))
      return sendProblem(
        response,
        400,
        'control_character',
        `The query parameter ${name} contains a control character, such as a line break`,
      );
    if (/[[\]]/.test(key) || key.length > 40)
      return sendProblem(
        response,
        400,
        'parameter_name',
        `The query parameter ${name} is not one Waymark reads: give plain names, and lists as one comma-separated value (indicators=a,b)`,
      );
    if (seen.has(key))
      return sendProblem(
        response,
        400,
        'repeated_parameter',
        `The query parameter ${name} is given more than once: give it once (lists are one comma-separated value, like indicators=a,b)`,
      );
    if (value.length > MAX_QUERY_VALUE)
      return sendProblem(
        response,
        414,
        'too_long',
        `The query parameter ${name} is longer than ${MAX_QUERY_VALUE} characters`,
      );
    seen.add(key);
    if (seen.size > MAX_QUERY_PARAMETERS)
      return sendProblem(
        response,
        400,
        'too_many_parameters',
        `At most ${MAX_QUERY_PARAMETERS} query parameters are read`,
      );
  }
  next();
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over its 16 KB limit, a
 * malformed request line) are answered in the problem shape too, instead of a bare status line.
 */
export function answerBrokenRequests(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW')
      return void socket.end(
        rawProblemResponse(431, 'headers_too_large', 'The request headers are larger than the server accepts'),
      );
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      return void socket.end(rawProblemResponse(408, 'timeout', 'The request took too long to arrive'));
    socket.end(rawProblemResponse(400, 'bad_request', 'The request could not be read'));
  });
}
