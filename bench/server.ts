import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/api/src/database/embedded-postgres.js';

const MAIN = fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url));

export interface RunningWaymark {
  url: string;
  /** Everything it has printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built Waymark with the given environment on a free port, resolving once it says it is ready. */
export async function startWaymark(env: NodeJS.ProcessEnv): Promise<RunningWaymark> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Waymark is ready at')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`Waymark exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
