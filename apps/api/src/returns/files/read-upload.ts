import { HttpStatus } from '@nestjs/common';
import { MAX_CASE_ROWS } from '@waymark/domain';
import { readArrow, readParquet } from './columnar-reader.js';
import { readCsv } from './csv-reader.js';
import { readJsonFile, type JsonReturn } from './json-reader.js';
import { UnreadableUpload } from '../../common/unreadable-upload.js';
import { readXlsx } from './xlsx-reader.js';

export type UploadFormat = 'csv' | 'xlsx' | 'json' | 'parquet' | 'arrow';

export const MEDIA_TYPES: Record<UploadFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.file',
};

/** The format by the file's own signature first, then its name: a renamed file is read as what it is. */
export function formatOf(bytes: Buffer, fileName: string): UploadFormat {
  const head = bytes.subarray(0, 8).toString('latin1');
  if (head.startsWith('PK\u0003\u0004')) return 'xlsx';
  if (head.startsWith('PAR1')) return 'parquet';
  if (head.startsWith('ARROW1') || (bytes.length >= 4 && bytes.readUInt32LE(0) === 0xffffffff)) return 'arrow';
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'json') return 'json';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (['xls', 'xlsm', 'ods', 'numbers'].includes(extension)) {
    throw new UnreadableUpload(
      'file_format',
      `.${extension} files are not accepted: save the workbook as .xlsx`,
      null,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  if (['parquet', 'arrow', 'arrows', 'feather', 'xlsx'].includes(extension)) {
    throw new UnreadableUpload('file_format', `The file is named .${extension} but its contents are not that format`);
  }
  throw new UnreadableUpload(
    'file_format',
    'Upload a CSV, XLSX, JSON, Parquet or Arrow file',
    null,
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

/** Reads any accepted upload into a raw table (plus period and owner when a JSON file carries them). */
export async function readUpload(bytes: Buffer, fileName: string): Promise<JsonReturn & { format: UploadFormat }> {
  if (bytes.length === 0) throw new UnreadableUpload('empty_file', 'The file is empty');
  const format = formatOf(bytes, fileName);
  switch (format) {
    case 'csv':
      return { format, table: await readCsv(bytes) };
    case 'xlsx':
      return { format, table: await readXlsx(bytes, MAX_CASE_ROWS) };
    case 'json':
      return { format, ...readJsonFile(bytes) };
    case 'parquet':
      return { format, table: await readParquet(bytes, MAX_CASE_ROWS) };
    case 'arrow':
      return { format, table: readArrow(bytes, MAX_CASE_ROWS) };
  }
}
