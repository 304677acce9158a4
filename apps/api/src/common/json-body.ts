import type { NextFunction, Request, Response } from 'express';
import { problemBody, sendProblem } from './problems.js';
import { JsonRefused, parseStrictJsonBytes } from './strict-json.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const hasBody = (request: Request) =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

/** `type/subtype` in lower case, and the charset parameter if any. */
function mediaTypeOf(header: string | undefined): { type: string; charset: string | null } {
  const [type, ...parameters] = (header ?? '').split(';');
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  return { type: type.trim().toLowerCase(), charset: charset ? charset.slice(8).replace(/"/g, '') : null };
}

/**
 * Reads request bodies in place of Express's parsers. A body is JSON (read here, strictly: no
 * duplicate keys, no nesting past 32 levels) or a multipart upload (read by multer on the routes
 * that take files); any other media type, a compressed body or a charset other than UTF-8 is 415.
 * The size cap is counted on the bytes as they arrive, and the raw bytes stay on `rawBody`.
 */
export function strictJsonBody(maxBytes: number) {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return (request: Request & { rawBody?: Buffer }, response: Response, next: NextFunction): void => {
    if (!WITH_BODY.has(request.method)) return next();
    const declared = request.headers['content-type'];
    const withBody = hasBody(request);
    if (!withBody && declared === undefined) return next(); // nothing sent, nothing to read (sign out, submit)
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity')
      return sendProblem(response, 415, 'content_encoding', 'Send the body uncompressed (no Content-Encoding)');
    const { type, charset } = mediaTypeOf(declared);
    if (type === 'multipart/form-data') return next();
    if (type !== 'application/json') {
      return sendProblem(
        response,
        415,
        'media_type',
        `Send JSON (Content-Type: application/json) or a file as multipart/form-data, not ${JSON.stringify((declared ?? 'no type').replace(/[^\x20-\x7e]/g, '?').slice(0, 60))}`,
      );
    }
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8')
      return sendProblem(response, 415, 'media_type', 'Send JSON as UTF-8');
    if (!withBody) {
      request.body = {};
      request.rawBody = Buffer.alloc(0);
      return next();
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > maxBytes;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // keep reading (and dropping) so the answer reaches a client still sending
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    request.on('error', () => request.destroy()); // the client went away: there is no one to answer
    request.on('end', () => {
      if (tooLarge)
        return sendProblem(response, 413, 'too_large', `The request is larger than the ${megabytes} MB limit`);
      const raw = Buffer.concat(chunks);
      request.rawBody = raw;
      try {
        request.body = raw.length === 0 ? {} : parseStrictJsonBytes(raw);
      } catch (error) {
        if (!(error instanceof JsonRefused)) return next(error);
        const status = error.rule === 'duplicate_key' ? 422 : 400;
        response.status(status).json({
          ...problemBody(status, error.rule, error.message, error.line, error.path),
          message: 'The request body could not be read',
        });
        return;
      }
      next();
    });
  };
}
