import ExcelJS from 'exceljs';
import { INDICATORS, type IndicatorUnit } from '@waymark/domain';
import { UNIT_WORDS, type DataPack, type PackRow } from './data-pack.js';

const NUMBER_FORMAT: Record<IndicatorUnit, string> = {
  percent: '0.0%',
  per_10000_per_year: '0.0',
  per_case: '0.00',
  count: '0',
};
const COLUMNS: { header: string; key: keyof PackRow | 'unitWords'; width: number }[] = [
  { header: 'Financial year', key: 'year', width: 12 },
  { header: 'Quarters', key: 'quarters', width: 24 },
  { header: 'Area code', key: 'code', width: 11 },
  { header: 'Area', key: 'area', width: 28 },
  { header: 'Women aged 16+', key: 'women', width: 14 },
  { header: 'Indicator id', key: 'id', width: 30 },
  { header: 'Indicator', key: 'title', width: 40 },
  { header: 'Unit', key: 'unitWords', width: 22 },
  { header: 'Figure', key: 'value', width: 10 },
  { header: 'Lower 95%', key: 'lower', width: 10 },
  { header: 'Upper 95%', key: 'upper', width: 10 },
  { header: 'Numerator', key: 'numerator', width: 11 },
  { header: 'Denominator (women-years for rates)', key: 'denominator', width: 16 },
  { header: 'Withheld', key: 'withheld', width: 10 },
  { header: 'Compared with benchmark', key: 'comparison', width: 26 },
  { header: 'Returns received', key: 'received', width: 10 },
  { header: 'Returns due', key: 'due', width: 10 },
  { header: 'Benchmark', key: 'benchmark', width: 11 },
  { header: 'Benchmark is', key: 'benchmarkLabel', width: 28 },
  { header: 'Benchmark period', key: 'benchmarkPeriod', width: 16 },
  { header: 'Benchmark source', key: 'benchmarkSource', width: 60 },
];

function methods(book: ExcelJS.Workbook, note: string) {
  const sheet = book.addWorksheet('Methods');
  sheet.columns = [
    { header: 'Indicator id', key: 'id', width: 30 },
    { header: 'Indicator', key: 'title', width: 36 },
    { header: 'Definition', key: 'definition', width: 70 },
    { header: 'Numerator', key: 'numerator', width: 40 },
    { header: 'Denominator', key: 'denominator', width: 36 },
    { header: 'Unit', key: 'unit', width: 22 },
    { header: 'Better when', key: 'polarity', width: 12 },
    { header: 'Interval', key: 'interval', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  const interval = { wilson: 'Wilson score, 95%', poisson: 'Exact Poisson, 95%', none: 'None' } as const;
  const better = { higher_is_better: 'Higher', lower_is_better: 'Lower', none: 'Neither' } as const;
  for (const d of INDICATORS)
    sheet.addRow({
      id: d.id,
      title: d.title,
      definition: d.definition,
      numerator: d.numerator,
      denominator: d.denominator,
      unit: UNIT_WORDS[d.unit],
      polarity: better[d.polarity],
      interval: interval[d.interval],
    });
  sheet.addRow([]);
  sheet.addRow(['Small numbers', note]);
}

/** The pack as a workbook: a README sheet, one sheet per theme (numbers as numbers, filters on), and Methods. */
export async function packWorkbook(pack: DataPack): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Waymark';
  const readme = book.addWorksheet('README');
  readme.getColumn(1).width = 120;
  pack.readme.forEach((line, n) => (readme.addRow([line]).font = n === 0 ? { bold: true, size: 14 } : {}));
  for (const { name, rows } of pack.sheets) {
    const sheet = book.addWorksheet(name);
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
    for (const r of rows) {
      const added = sheet.addRow({ ...r, unitWords: UNIT_WORDS[r.unit] });
      for (const key of ['value', 'lower', 'upper', 'benchmark']) added.getCell(key).numFmt = NUMBER_FORMAT[r.unit];
    }
  }
  methods(book, pack.note);
  return Buffer.from(await book.xlsx.writeBuffer());
}
