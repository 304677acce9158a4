import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

export type Encoding = 'br' | 'gzip';

/** Brotli when the client takes it, else gzip, else null (send as is). Reads q-values, so "br;q=0" refuses Brotli. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name) weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const wildcard = weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((e) => (weights.get(e) ?? wildcard) > 0) ?? null;
}

/** Answers worth compressing: JSON, text (CSV included), JavaScript and SVG. Workbooks and images are compressed already. */
const COMPRESSIBLE = /^(application\/([\w.+-]*json|javascript)|text\/|image\/svg\+xml)/i;

/**
 * Compresses every answer sent whole (API JSON, problem answers, CSV downloads) for clients that accept it.
 * Brotli at quality 5, not its slowest 11: these answers are made afresh for each request.
 */
export function compressAnswers(request: Request, response: Response, next: NextFunction): void {
  const send = response.send.bind(response);
  response.send = (body?: unknown) => {
    const type = String(response.getHeader('Content-Type') ?? '');
    if (
      (typeof body !== 'string' && !Buffer.isBuffer(body)) ||
      !COMPRESSIBLE.test(type) ||
      response.getHeader('Content-Encoding')
    )
      return send(body);
    response.vary('Accept-Encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return send(body);
    if (typeof body === 'string' && !/charset=/i.test(type))
      response.setHeader('Content-Type', `${type}; charset=utf-8`);
    const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    response.setHeader('Content-Encoding', encoding);
    return send(
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipSync(raw),
    );
  };
  next();
}
