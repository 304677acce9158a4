import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { repoRoot } from '../paths.js';

/**
 * Serves the built React dashboard at `/`. Any other GET outside `/api` gets index.html so
 * that links to dashboard views can be shared and reloaded.
 */
export function serveDashboard(server: Express): void {
  const dist = join(repoRoot(), 'apps', 'web', 'dist');
  const index = join(dist, 'index.html');
  server.use(express.static(dist, { index: false, maxAge: '1h' }));
  server.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path === '/api' || request.path.startsWith('/api/')) return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The dashboard has not been built yet: run "npm run build".');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
