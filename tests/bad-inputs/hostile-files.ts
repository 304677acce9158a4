import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  CompressionType,
  compressionRegistry,
  MessageReader,
  Table,
  tableFromArrays,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import ExcelJS from 'exceljs';
import { AGENCY_QUARTER, CASE_LEVEL } from '@waymark/domain';
import { AGENCY_FIGURES, caseRows } from '../support/returns-fixtures.js';
import { unzip, zipOf } from './zip.js';

/** Hand-made hostile files for the bad-input corpus: workbooks, zips, Parquet and Arrow. */

const AGENCY_KEYS = AGENCY_QUARTER.fields.map((f) => f.key);
const CASE_KEYS = CASE_LEVEL.fields.map((f) => f.key);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const asCell = (v: unknown) => (Array.isArray(v) ? v.join(';') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v);

/** A workbook built sheet by sheet; `fill` gets the book to add sheets to. */
async function book(fill: (b: ExcelJS.Workbook) => void): Promise<Buffer> {
  const b = new ExcelJS.Workbook();
  fill(b);
  return Buffer.from(await b.xlsx.writeBuffer());
}
const returnSheet = (b: ExcelJS.Workbook, name = 'Return', figures: Record<string, unknown> = AGENCY_FIGURES) => {
  const s = b.addWorksheet(name);
  s.addRow(AGENCY_KEYS);
  s.addRow(AGENCY_KEYS.map((k) => figures[k]));
  return s;
};
/** A valid agency return: today it is accepted, so anything hidden in it is kept. */
const agencyBook = () => book((b) => returnSheet(b));

/** Rewrites some parts of a valid workbook and adds others. */
function repack(base: Buffer, change: (parts: Map<string, Buffer>) => void): Buffer {
  const parts = new Map(unzip(base).map((p) => [p.name, p.data]));
  change(parts);
  return zipOf([...parts].map(([name, data]) => ({ name, data })));
}
const edit = (parts: Map<string, Buffer>, name: string, f: (xml: string) => string) =>
  parts.set(name, utf8(f(parts.get(name)!.toString('utf8'))));

/** An .xlsm renamed .xlsx: a macro-enabled main part and a VBA project. */
export const macroWorkbook = async () =>
  repack(await agencyBook(), (parts) => {
    edit(parts, '[Content_Types].xml', (x) =>
      x
        .replace(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        )
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    edit(parts, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(
        '</Relationships>',
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    parts.set('xl/vbaProject.bin', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 1)]));
  });

/** A workbook linked to another workbook on a file share. */
export const externalLinkWorkbook = async () =>
  repack(await agencyBook(), (parts) => {
    edit(parts, '[Content_Types].xml', (x) =>
      x.replace(
        '</Types>',
        '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
      ),
    );
    edit(parts, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(
        '</Relationships>',
        '<Relationship Id="rIdExt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
      ),
    );
    parts.set(
      'xl/externalLinks/externalLink1.xml',
      utf8(
        '<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"/></externalLink>',
      ),
    );
    parts.set(
      'xl/externalLinks/_rels/externalLink1.xml.rels',
      utf8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file://server/share/clients.xlsx" TargetMode="External"/></Relationships>',
      ),
    );
  });

/** The return on a hidden sheet named "Return", other figures on the visible one: the hidden one must never be read. */
export const hiddenSheetWorkbook = () =>
  book((b) => {
    returnSheet(b, 'Summary', { ...AGENCY_FIGURES, staff: 11 });
    returnSheet(b, 'Return').state = 'hidden';
  });

/** A valid return with notes about a person on a second sheet that nothing reads. */
export const extraSheetWorkbook = () =>
  book((b) => {
    returnSheet(b);
    b.addWorksheet('Notes').addRow(['Client', 'Seen at home on Tuesday']);
  });

/** Two figures merged into one cell, so one value would be read into both fields. */
export const mergedCellsWorkbook = () => book((b) => returnSheet(b).mergeCells('M2:N2'));

/** A valid return with a value in a column that has no name, which nothing would read. */
export const unnamedColumnWorkbook = () =>
  book((b) => void (returnSheet(b).getCell(2, AGENCY_KEYS.length + 2).value = 'call back Tuesday'));

/** A case-level workbook whose month is a formula with a plausible cached result. */
export const formulaCaseWorkbook = () =>
  book((b) => {
    const s = b.addWorksheet('Return');
    s.addRow(CASE_KEYS);
    for (const r of caseRows(3)) s.addRow(CASE_KEYS.map((k) => asCell(r[k])));
    s.getCell(3, CASE_KEYS.indexOf('referral_month') + 1).value = {
      formula: 'TEXT(DATE(2025,5,1),"yyyy-mm")',
      result: '2025-05',
    };
  });

/** A zip whose headers say the sheet is 1 KB while it inflates to 120 MB. */
export const lyingZip = () =>
  zipOf([
    {
      name: '[Content_Types].xml',
      data: utf8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x20), claimedSize: 1024 },
  ]);

/** A valid return JSON with one figure given twice (which one was meant?). */
export const duplicateKeyJson = () =>
  utf8(JSON.stringify({ values: AGENCY_FIGURES }).replace('"staff":10', '"staff":10,"staff":99'));

/** A JSON return with a figure nested 10,000 lists deep. */
export const deepJson = () =>
  utf8(
    JSON.stringify({ values: AGENCY_FIGURES }).replace(
      '"staff":10',
      `"staff":${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    ),
  );

/** Parquet written by DuckDB from a SELECT: the SQL is ours, never user text. */
async function parquetOf(select: string): Promise<Buffer> {
  const path = join(tmpdir(), `waymark-bomb-${randomBytes(6).toString('hex')}.parquet`);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
    return await readFile(path);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(path, { force: true });
  }
}

/** About 10 KB of Parquet whose footer says it unpacks to 200 MB (200 distinct 1 MB values). */
export const parquetBomb = () =>
  parquetOf("SELECT repeat('a', 1000000) || i::VARCHAR AS person_key FROM range(200) t(i)");

/** A footer that declares only about 1 MB: one 1 MB value, dictionary-encoded onto 400 rows (400 MB once read). */
export const parquetDictionaryBomb = () =>
  parquetOf("SELECT repeat('a', 1000000) AS person_key, i AS referral_month FROM range(400) t(i)");

/**
 * An Arrow IPC stream with LZ4-compressed buffers that say they unpack to `claimedBytes` each. The codec
 * registered here only writes a frame header (the bytes are never inflated by Waymark), and the
 * length prefixes are then rewritten to the claimed size, as a hostile writer would.
 */
export function compressedArrow(claimedBytes: bigint | null = 512n * 1024n * 1024n): Buffer {
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    encode: (data: Uint8Array) => Uint8Array.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x73, ...data.subarray(0, 8)]),
    decode: (data: Uint8Array) => data,
  });
  const keys = new Table({ person_key: vectorFromArray(['a'.repeat(64), 'b'.repeat(64)], new Utf8()) }); // plain strings: one record batch, no dictionary
  const bytes = Buffer.from(tableToIPC(keys, 'stream', CompressionType.LZ4_FRAME));
  compressionRegistry.set(CompressionType.LZ4_FRAME, null as never);
  const reader = new MessageReader(bytes);
  for (let next = reader.next(); !next.done; next = reader.next()) {
    const message = next.value;
    if (message.isRecordBatch()) {
      const bodyStart = bytes.length - 8 - Number(message.bodyLength); // the one batch's body, then the end-of-stream marker
      for (const region of message.header().buffers)
        if (region.length >= 8 && claimedBytes !== null) bytes.writeBigInt64LE(claimedBytes, bodyStart + region.offset);
    }
    reader.readMessageBody(Number(message.bodyLength));
  }
  return bytes;
}

/** About 100 KB of Arrow: one 100 KB value in a dictionary, repeated on 1,000 rows (200 MB once read). */
export const arrowDictionaryBomb = () =>
  Buffer.from(
    tableToIPC(tableFromArrays({ person_key: Array.from({ length: 1_000 }, () => 'a'.repeat(100_000)) }), 'stream'),
  );
