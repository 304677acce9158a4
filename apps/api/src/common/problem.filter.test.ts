import {
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  type ArgumentsHost,
} from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProblemFilter } from './problem.filter.js';
import type { ProblemBody } from './problems.js';

/** Runs the filter on one exception and returns what it answered. */
function answer(exception: unknown): { status: number; body: ProblemBody } {
  const sent = { status: 0, body: {} as ProblemBody };
  const response = {
    headersSent: false,
    status: (s: number) => ((sent.status = s), response),
    json: (b: ProblemBody) => void (sent.body = b),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'GET', originalUrl: '/api/x' }) }),
  } as unknown as ArgumentsHost;
  new ProblemFilter(10 * 1024 * 1024).catch(exception, host);
  return sent;
}

describe('the problem filter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps a refusal as it was thrown and adds problems in the one shape', () => {
    expect(answer(new NotFoundException('No agency with that id that you can see'))).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        message: 'No agency with that id that you can see',
        error: 'Not Found',
        problems: [{ row: null, column: null, rule: 'not_found', message: 'No agency with that id that you can see' }],
      },
    });
    const form = answer(
      new UnprocessableEntityException({
        statusCode: 422,
        message: 'There is a problem',
        errors: [{ field: 'name', message: 'Enter the agency name' }],
      }),
    );
    expect(form.body.errors).toEqual([{ field: 'name', message: 'Enter the agency name' }]);
    expect(form.body.problems).toEqual([
      { row: null, column: 'name', rule: 'invalid_field', message: 'Enter the agency name' },
    ]);
    const framework = answer(
      new UnprocessableEntityException({
        statusCode: 422,
        message: 'The framework was not imported',
        problems: [{ path: 'standards[0].theme', message: 'unknown theme' }],
      }),
    );
    expect(framework.body.problems).toEqual([
      {
        path: 'standards[0].theme',
        row: null,
        column: 'standards[0].theme',
        rule: 'invalid',
        message: 'unknown theme',
      },
    ]);
  });

  it('answers the client errors that are not HttpExceptions with a 4xx', () => {
    const tooBig = answer(Object.assign(new Error('File too large'), { name: 'MulterError', code: 'LIMIT_FILE_SIZE' }));
    expect([tooBig.status, tooBig.body.problems[0].rule]).toEqual([413, 'too_large']);
    expect(answer(new PayloadTooLargeException()).status).toBe(413);
    expect(
      answer(Object.assign(new Error('Unexpected field'), { name: 'MulterError', code: 'LIMIT_UNEXPECTED_FILE' }))
        .status,
    ).toBe(400);
    expect(answer(new URIError('URI malformed')).body.problems[0].rule).toBe('bad_encoding');
    expect(answer(Object.assign(new Error('request aborted'), { status: 400, expose: true })).status).toBe(400);
    expect(answer(new BadRequestException('Multipart: Boundary not found')).body.problems[0].message).toBe(
      'Multipart: Boundary not found',
    );
  });

  it('still answers 500, logged in full and without detail to the client, for a fault of ours', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const fault = answer(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(fault).toEqual({
      status: 500,
      body: {
        statusCode: 500,
        message: 'Internal server error',
        problems: [{ row: null, column: null, rule: 'server_error', message: 'Internal server error' }],
      },
    });
    expect(String(logged.mock.calls[0][0])).toContain("reading 'id'");
    expect(answer(Object.assign(new Error('EACCES'), { status: 500 })).status).toBe(500);
    expect(answer(Object.assign(new Error('secret'), { status: 400, expose: false })).status).toBe(500);
    expect(answer(new HttpException('Service Unavailable', 503)).status).toBe(503);
  });
});
