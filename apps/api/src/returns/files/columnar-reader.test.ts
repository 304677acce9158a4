import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../../tests/support/refusal.js';
import {
  arrowDictionaryBomb,
  compressedArrow,
  parquetBomb,
  parquetDictionaryBomb,
} from '../../../../../tests/bad-inputs/hostile-files.js';
import { readArrow, readParquet } from './columnar-reader.js';

const SAMPLE = { person_key: ['a'.repeat(64), 'b'.repeat(64)], age_band: ['25-34', '35-44'], episodes: [1, 2] };

describe('Arrow IPC uploads', () => {
  it('reads the file and the stream format alike', () => {
    for (const format of ['file', 'stream'] as const) {
      const table = readArrow(Buffer.from(tableToIPC(tableFromArrays(SAMPLE), format)), 10);
      expect(table.columns).toEqual(['person_key', 'age_band', 'episodes']);
      expect(table.rows.map((r) => r.cells)).toEqual([
        { person_key: 'a'.repeat(64), age_band: '25-34', episodes: 1 },
        { person_key: 'b'.repeat(64), age_band: '35-44', episodes: 2 },
      ]);
    }
  });

  it('refuses compressed batches without inflating them: 413 when they claim too much, else 422', async () => {
    expect(await refusal(() => readArrow(compressedArrow(), 10))).toEqual({ status: 413, rule: 'decompression_limit' });
    expect(await refusal(() => readArrow(compressedArrow(null), 10))).toEqual({
      status: 422,
      rule: 'arrow_compressed',
    });
  });

  it('counts values as rows are made, so a dictionary cannot repeat one long value into hundreds of megabytes', async () => {
    expect(await refusal(() => readArrow(arrowDictionaryBomb(), 100_000))).toEqual({
      status: 413,
      rule: 'decompression_limit',
    });
  });

  it('refuses a stream whose last message body is cut short', async () => {
    const bytes = Buffer.from(tableToIPC(tableFromArrays(SAMPLE), 'stream'));
    for (const cut of [24, 40])
      expect(await refusal(() => readArrow(bytes.subarray(0, bytes.length - cut), 10))).toEqual({
        status: 422,
        rule: 'unreadable_arrow',
      });
  });
});

describe('Parquet uploads', () => {
  it('refuses a file whose footer declares more than the limit, before reading a page', async () => {
    expect(await refusal(async () => readParquet(await parquetBomb(), 100_000))).toEqual({
      status: 413,
      rule: 'decompression_limit',
    });
  });

  it('refuses a file whose dictionary repeats one value past the memory its reader may use', async () => {
    expect(await refusal(async () => readParquet(await parquetDictionaryBomb(), 100_000))).toEqual({
      status: 413,
      rule: 'decompression_limit',
    });
  });
});
