import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/embedded-postgres.js';

export const DEMO_PASSWORD = 'demo-password-used-only-in-tests';
export const MAIN_JS = join(process.cwd(), 'apps/api/dist/apps/api/src/main.js');

export interface RunningApi {
  baseUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ApiOptions {
  /** A database URL; null starts the server's own embedded PostgreSQL. */
  databaseUrl: string | null;
  env?: Record<string, string>;
  /** Reuse a data folder (to restart against the same embedded cluster). */
  dataDir?: string;
}

/** Runs the built API as a real process and waits until it says it is ready. */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'waymark-api-')));
  await chmod(dataDir, 0o755); // as root, the embedded cluster runs as `postgres` and must get through
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WAYMARK_DATA_DIR: dataDir,
    WAYMARK_DEMO_PASSWORD: DEMO_PASSWORD,
    WAYMARK_DEMO_ACTIVITY: 'false',
    UPLOADS_PER_MINUTE: '10000',
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;

  const child = spawn(process.execPath, [MAIN_JS], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start within 90s:\n${output}`)), 90_000);
    const check = setInterval(() => {
      if (output.includes('Waymark is ready at')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`API exited with code ${code} before it was ready:\n${output}`));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timeout);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
