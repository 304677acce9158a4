import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository root (where the workspace package.json lives), found from this file's location. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'waymark')
      return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Waymark repository root');
    dir = parent;
  }
}
