import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problems.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent from another site. The session cookie is SameSite=Strict
 * already; this is the second lock for browsers or proxies that do not honour it.
 */
export function sameOriginWrites(request: Request, response: Response, next: NextFunction): void {
  if (SAFE.has(request.method)) return next();
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  let crossSite = fetchSite === 'cross-site';
  if (origin && origin !== 'null') {
    try {
      crossSite ||= new URL(origin).host !== request.headers.host;
    } catch {
      crossSite = true;
    }
  } else if (origin === 'null') crossSite = true;
  if (!crossSite) return next();
  sendProblem(
    response,
    403,
    'cross_site',
    'Requests that change data must come from Waymark itself, not another website.',
  );
}
