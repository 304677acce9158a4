import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../tests/support/refusal.js';
import { unzip, zipOf } from '../../../../tests/bad-inputs/zip.js';
import { storedZip, unzipWithin } from './zip-reader.js';

const LIMITS = { maxUnpackedBytes: 1024 * 1024, maxRatio: 200, maxEntries: 50 };
const part = (name: string, size: number, fill = 0x20) => ({ name, data: Buffer.alloc(size, fill) });

describe('unpacking a workbook under a byte limit', () => {
  it('unpacks honest parts exactly', async () => {
    const parts = await unzipWithin(
      zipOf([part('a.xml', 1000), { name: 'b/c.xml', data: Buffer.from('<x/>') }]),
      LIMITS,
    );
    expect([...parts.keys()]).toEqual(['a.xml', 'b/c.xml']);
    expect(parts.get('b/c.xml')!.toString()).toBe('<x/>');
  });

  it('refuses a zip whose directory under-states a part, by the bytes that really come out', async () => {
    const lying = zipOf(
      [part('xl/worksheets/sheet1.xml', 8 * 1024 * 1024, 0x41)].map((p) => ({ ...p, claimedSize: 100 })),
    );
    expect(await refusal(() => unzipWithin(lying, LIMITS))).toEqual({ status: 413, rule: 'zip_bomb' });
  });

  it('inflates off the event loop: a 120 MB lying part never holds up timers for long', async () => {
    const lying = zipOf([{ ...part('xl/worksheets/sheet1.xml', 120 * 1024 * 1024), claimedSize: 1024 }]);
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 5);
    const outcome = await refusal(() => unzipWithin(lying));
    clearInterval(timer);
    expect(outcome).toEqual({ status: 413, rule: 'zip_bomb' });
    expect(longest).toBeLessThan(300);
  });

  it('counts every part against one running total, not each part alone', async () => {
    // Four honest parts use up most of the budget; the fifth says 10 bytes and would fit alone.
    const many = zipOf([
      ...Array.from({ length: 4 }, (_, i) => part(`p${i}.xml`, 250 * 1024)),
      { ...part('p4.xml', 300 * 1024), claimedSize: 10 },
    ]);
    expect(await refusal(() => unzipWithin(many, LIMITS))).toEqual({ status: 413, rule: 'zip_bomb' });
  });

  it('refuses a part that comes out smaller than claimed, or damaged, as unreadable', async () => {
    expect(await refusal(() => unzipWithin(zipOf([{ ...part('a.xml', 100), claimedSize: 200 }]), LIMITS))).toEqual({
      status: 422,
      rule: 'unreadable_xlsx',
    });
    const bytes = zipOf([part('a.xml', 5000, 0x42)]);
    bytes[40] ^= 0xff; // inside the deflated data
    expect((await refusal(() => unzipWithin(bytes, LIMITS)))?.rule).toBe('unreadable_xlsx');
  });

  it('refuses names that could mean two things', async () => {
    expect((await refusal(() => unzipWithin(zipOf([part('a.xml', 1), part('A.XML', 1)]), LIMITS)))?.rule).toBe(
      'unreadable_xlsx',
    );
    expect((await refusal(() => unzipWithin(zipOf([part('xl/../a.xml', 1)]), LIMITS)))?.rule).toBe('unreadable_xlsx');
  });

  it('hands the parser a stored copy with nothing left to inflate', async () => {
    const parts = await unzipWithin(zipOf([part('a.xml', 4000), part('b.xml', 10)]), LIMITS);
    const stored = storedZip(parts);
    expect(stored.length).toBeGreaterThan(4010);
    expect(unzip(stored).map((p) => [p.name, p.data.length])).toEqual([
      ['a.xml', 4000],
      ['b.xml', 10],
    ]);
    expect([...(await unzipWithin(stored, LIMITS)).values()].map((d) => d.length)).toEqual([4000, 10]);
  });
});
