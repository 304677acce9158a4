import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportedPart } from '@waymark/analytics';
import pg, { type Pool, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** Parts exported at once: one per core PostgreSQL can use while the warehouse loads finished ones. */
const AT_ONCE = Math.max(1, Math.min(4, availableParallelism()));

/** How long an export may go without sending a byte before it is taken to have stalled (a lock, a dead server). */
export const EXPORT_STALL_SECONDS = Number(process.env.WAREHOUSE_EXPORT_STALL_SECONDS ?? 120);

/**
 * Runs one COPY … TO STDOUT per part, a few at a time, and yields each part's file once it is
 * complete, in the order they finish. Two guards keep a failure on either side from leaving the
 * other waiting: a watchdog ends a part that sends nothing for `stallSeconds`, and when the reader
 * stops early (it failed, or was satisfied) every part still running is cancelled and its
 * connection closed, so no COPY is left writing for nobody.
 */
export async function* exportParts(
  pool: Pool,
  queries: string[],
  fileOf: (part: number) => string,
  stallSeconds = EXPORT_STALL_SECONDS,
): AsyncIterable<ExportedPart> {
  const stop = new AbortController();
  const running = new Map<number, Promise<{ part: number; rows: number }>>();
  const files = queries.map((_, part) => fileOf(part));
  let next = 0;
  const launch = () => {
    const part = next++;
    const done = exportPart(pool, queries[part], files[part], stop.signal, stallSeconds).then((rows) => ({
      part,
      rows,
    }));
    done.catch(() => {}); // observed by the race below; never an unhandled rejection meanwhile
    running.set(part, done);
  };
  try {
    while (next < Math.min(AT_ONCE, queries.length)) launch();
    while (running.size) {
      const { part, rows } = await Promise.race(running.values());
      running.delete(part);
      if (next < queries.length) launch(); // the next part is written while this one is loaded
      yield { file: files[part], rows, part: part + 1, parts: queries.length };
    }
  } finally {
    if (running.size) {
      stop.abort(new Error('The warehouse stopped reading this export'));
      await Promise.allSettled(running.values());
    }
  }
}

async function exportPart(
  pool: Pool,
  sql: string,
  file: string,
  stop: AbortSignal,
  stallSeconds: number,
): Promise<number> {
  const client: PoolClient = await pool.connect();
  if (stop.aborted) {
    client.release();
    throw stop.reason;
  }
  const copy = client.query(copyTo(sql));
  const backend = (client as unknown as { processID: number }).processID;
  // Cut off here and cancelled on the server: a COPY waiting on a lock would not notice a closed socket.
  // (Held in an object: TypeScript would take a variable set only inside `cancel` to stay empty.)
  const onServer: { cancelled?: Promise<unknown> } = {};
  const cancel = (reason: Error) => {
    copy.destroy(reason);
    onServer.cancelled ??= cancelOnServer(pool, backend);
  };
  const onStop = () => cancel(stop.reason as Error);
  stop.addEventListener('abort', onStop);
  let lastByte = Date.now();
  const watchdog = setInterval(
    () => {
      if (Date.now() - lastByte > stallSeconds * 1000)
        cancel(new Error(`PostgreSQL sent no rows for ${stallSeconds} s; the export was stopped`));
    },
    Math.min(1000, stallSeconds * 500),
  );
  let failed = false;
  try {
    const seen = new Transform({
      transform(chunk, _encoding, callback) {
        lastByte = Date.now();
        callback(null, chunk);
      },
    });
    await pipeline(copy, seen, createWriteStream(file));
    return copy.rowCount;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    clearInterval(watchdog);
    stop.removeEventListener('abort', onStop);
    await onServer.cancelled;
    client.release(failed); // a connection whose COPY was cut off is closed
  }
}

/**
 * Asks the server to cancel a backend's query, over a connection of its own (never one the pool may
 * have none of to spare), giving up after a few seconds.
 */
async function cancelOnServer(pool: Pool, backend: number): Promise<void> {
  const client = new pg.Client({
    ...(pool as unknown as { options: pg.ClientConfig }).options,
    connectionTimeoutMillis: 5000,
    query_timeout: 5000,
  });
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend($1)', [backend]);
  } catch {
    // The connection that was cut is closed anyway; the server ends the query when it next writes to it.
  } finally {
    await client.end().catch(() => {});
  }
}
