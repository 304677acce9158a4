import ExcelJS from 'exceljs';
import { UnreadableUpload } from './unreadable-upload.js';

/** Limits on what a workbook may unpack to: real returns are a few megabytes of XML at most. */
export const WORKBOOK_LIMITS = { maxUnpackedBytes: 100 * 1024 * 1024, maxRatio: 200, maxEntries: 2_000 };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * Reads the zip's central directory (without inflating anything) and refuses archives that would
 * unpack to far more than they weigh: a zip bomb is stopped before the parser inflates it.
 */
export function checkZipExpansion(bytes: Buffer, limits = WORKBOOK_LIMITS): void {
  const refuse = (detail: string) => {
    throw new UnreadableUpload('zip_bomb', `The workbook is not accepted: ${detail}. Save it again from Excel and upload the .xlsx file.`, null, 413);
  };
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new UnreadableUpload('unreadable_xlsx', 'The file is not a readable Excel workbook (.xlsx): it is cut short or damaged');
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (entries === 0xffff || offset === 0xffffffff) refuse('it uses the ZIP64 format, meant for archives of many gigabytes');
  if (entries > limits.maxEntries) refuse(`it holds ${entries} parts`);
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY) throw new UnreadableUpload('unreadable_xlsx', 'The file is not a readable Excel workbook (.xlsx): its index is damaged');
    const packed = bytes.readUInt32LE(offset + 20);
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff || packed === 0xffffffff) refuse('it uses the ZIP64 format, meant for archives of many gigabytes');
    unpacked += size;
    if (unpacked > limits.maxUnpackedBytes) refuse(`it would unpack to more than ${limits.maxUnpackedBytes / 1024 / 1024} MB`);
    if (size > 1024 * 1024 && size / Math.max(packed, 1) > limits.maxRatio) refuse(`one part would unpack to ${Math.round(size / Math.max(packed, 1))} times its size`);
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
}

/** Opens an uploaded .xlsx after the zip-bomb check; anything unreadable is a 422 naming the problem. */
export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  checkZipExpansion(bytes);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableUpload('unreadable_xlsx', 'The file is not a readable Excel workbook (.xlsx). Save it again from Excel and upload the .xlsx file.');
  }
  return book;
}
