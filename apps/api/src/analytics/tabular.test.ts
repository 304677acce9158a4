import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { csvCell, rowsToArrow, rowsToCsv } from './tabular.js';

describe('exports', () => {
  it('keep spreadsheet formulas inert in CSV', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2'); // a number, not text
    expect(csvCell('Hartlepool')).toBe('Hartlepool');
    expect(csvCell(null)).toBe('');
    expect(
      rowsToCsv(
        [{ a: 'x,y', b: 3 }],
        [
          { key: 'a', label: 'A' },
          { key: 'b', label: 'B' },
        ],
      ),
    ).toBe('A,B\r\n"x,y",3\r\n');
  });

  it('turn rows into Arrow with the same values, nulls included', () => {
    const rows = [
      { id: 'a', n: 1.5, ok: true },
      { id: 'b', n: null, ok: false },
    ];
    const back = tableFromIPC(rowsToArrow(rows))
      .toArray()
      .map((r) => r.toJSON());
    expect(back).toEqual(rows);
  });
});
