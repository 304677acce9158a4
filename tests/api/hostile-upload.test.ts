import { spawn } from 'node:child_process';
import { AGENCY_QUARTER } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { HttpAnswer } from '../support/http.js';
import { AGENCY_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const MiB = 1 << 20;

/**
 * Issue 12: a single cell of a megabyte once blocked the event loop for minutes, so every other
 * user waited. While such an upload is in flight, the server must go on answering: another
 * process (as another user would be) polls health every 10 ms, and every poll that overlaps the
 * upload must be answered within 500 ms.
 */
const POLLER = `
  const url = process.argv[1];
  const poll = async () => {
    const started = Date.now();
    const ok = await fetch(url, { signal: AbortSignal.timeout(10000) }).then((r) => r.status === 200, () => false);
    console.log(started, Date.now(), ok);
    setTimeout(poll, 10);
  };
  poll();
`;

async function healthWhile(send: () => Promise<HttpAnswer>): Promise<{ answer: HttpAnswer; latencies: number[] }> {
  const poller = spawn(process.execPath, ['-e', POLLER, `${t.api.baseUrl}/api/health`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = '';
  poller.stdout!.on('data', (chunk) => (lines += chunk));
  const polls = () => lines.split('\n').filter(Boolean).map((line) => line.split(' ')).map(([start, end, ok]) => ({ start: Number(start), end: Number(end), ok: ok === 'true' }));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  try {
    while (polls().length < 3) await pause(); // polling, and past the first (cold) answers
    const from = Date.now();
    const answer = await send();
    const to = Date.now();
    // Polls run one after another, so once one has started after the upload, every poll that overlapped it has finished.
    while (!polls().some((p) => p.start > to)) await pause();
    const during = polls().filter((p) => p.end >= from && p.start <= to);
    return { answer, latencies: during.map((p) => (p.ok ? p.end - p.start : Infinity)) };
  } finally {
    poller.kill();
  }
}

describe('a hostile upload does not stall the server', () => {
  const stored = async () => Number((await queryDatabase(t.db.url, 'SELECT count(*) AS n FROM submission'))[0].n);

  it('keeps answering health within 500 ms while a JSON return with a mebibyte cell is refused', async () => {
    const submitter = await t.as('submitter');
    const { answer, latencies } = await healthWhile(() => submitter.post('/api/returns/agency-quarter', { period: '2025-26 Q1', values: { ...AGENCY_FIGURES, caseload: '9'.repeat(MiB) } }));
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toContainEqual(expect.objectContaining({ column: 'caseload', rule: 'too_long' }));
    expect(JSON.stringify(answer.body).length).toBeLessThan(2000); // the cell is not echoed back
    expect(latencies.length).toBeGreaterThan(0);
    console.info(`health during the JSON upload: ${latencies.length} polls, slowest ${Math.max(...latencies).toFixed(0)} ms`);
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(await stored()).toBe(0);
  }, 120_000);

  it('keeps answering health within 500 ms while a CSV return with a mebibyte cell is refused', async () => {
    const submitter = await t.as('submitter');
    const keys = AGENCY_QUARTER.fields.map((f) => f.key);
    // '@' then letters and no dot: what made the old e-mail pattern quadratic.
    const csv = toCsv(keys, [{ ...AGENCY_FIGURES, staff: `@${'a'.repeat(MiB)}` }]);
    const { answer, latencies } = await healthWhile(() => submitter.upload('/api/returns/agency-quarter', { name: 'return.csv', bytes: csv }, { period: '2025-26 Q1' }));
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toContainEqual({ row: 2, column: 'staff', rule: 'too_long', message: expect.any(String) });
    expect(latencies.length).toBeGreaterThan(0);
    console.info(`health during the CSV upload: ${latencies.length} polls, slowest ${Math.max(...latencies).toFixed(0)} ms`);
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(await stored()).toBe(0);
  }, 120_000);
});
