import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** What the audit trail needs to know about the request an action came from. */
export interface RequestContext {
  address: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware: every handler (and every service it calls) can ask where the request came from. */
export function requestContext(request: Request, _response: Response, next: NextFunction): void {
  // An IPv4 client on a dual-stack socket shows as ::ffff:192.0.2.1; people know it as 192.0.2.1.
  const address =
    (request.ip ?? request.socket.remoteAddress ?? null)?.replace(/^::ffff:(?=[\d.]+$)/, '').slice(0, 64) ?? null;
  storage.run({ address }, next);
}

/** The current request's context, or an empty one outside a request (start-up, command line). */
export function currentRequest(): RequestContext {
  return storage.getStore() ?? { address: null };
}
