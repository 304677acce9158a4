import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { repoRoot } from '../paths.js';
import { chooseEncoding } from './compression.js';

/** Vite names every file under assets/ after a hash of its content, so a browser may keep one for good. */
const FOREVER = 'public, max-age=31536000, immutable';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built React dashboard at `/`. Any other GET outside `/api` gets index.html so
 * that links to dashboard views can be shared and reloaded. Hashed assets are cached for a year;
 * index.html is checked with the server every time, so a new build is picked up at once.
 */
export function serveDashboard(server: Express): void {
  const dist = join(repoRoot(), 'apps', 'web', 'dist');
  const assets = join(dist, 'assets') + sep;
  const index = join(dist, 'index.html');
  const cacheControl = (file: string) => (file.startsWith(assets) ? FOREVER : 'no-cache');

  /** Sends a built file as the Brotli or gzip copy the build made beside it, when the client takes one: the very bytes the build measured. */
  const sendBuilt = (request: Request, response: Response, file: string) => {
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const copy = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : null;
    const compressed = copy !== null && existsSync(copy);
    response.setHeader('Cache-Control', cacheControl(file));
    response.type(extname(file));
    if (existsSync(`${file}.gz`)) response.vary('Accept-Encoding');
    if (compressed) response.setHeader('Content-Encoding', encoding!);
    response.sendFile(compressed ? copy : file);
  };

  server.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(request.path)) return next();
    let file: string;
    try {
      file = resolve(dist, `.${decodeURIComponent(request.path)}`);
    } catch {
      return next(); // not a path a file could have
    }
    if (file.startsWith(dist + sep) && existsSync(`${file}.gz`)) sendBuilt(request, response, file);
    else next();
  });
  server.use(
    express.static(dist, {
      index: false,
      setHeaders: (response, file) => response.setHeader('Cache-Control', cacheControl(file)),
    }),
  );
  server.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(request.path)) return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The dashboard has not been built yet: run "npm run build".');
      return;
    }
    sendBuilt(request, response, index);
  });
}
