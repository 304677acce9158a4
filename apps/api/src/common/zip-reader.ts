import { crc32, createInflateRaw } from 'node:zlib';
import { UnreadableUpload } from './unreadable-upload.js';

/** Limits on what a workbook may unpack to: real returns are a few megabytes of XML at most. */
export const WORKBOOK_LIMITS = { maxUnpackedBytes: 100 * 1024 * 1024, maxRatio: 200, maxEntries: 2_000 };
export type ZipLimits = typeof WORKBOOK_LIMITS;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  packed: number;
  size: number;
  localOffset: number;
}

const bomb = (detail: string) =>
  new UnreadableUpload(
    'zip_bomb',
    `The workbook is not accepted: ${detail}. Save it again from Excel and upload the .xlsx file.`,
    null,
    413,
  );
const damaged = (detail: string) =>
  new UnreadableUpload('unreadable_xlsx', `The file is not a readable Excel workbook (.xlsx): ${detail}`);

/**
 * Reads the zip's central directory (without inflating anything) and refuses archives that say
 * they would unpack to far more than they weigh: the fast first refusal. The sizes are only what
 * the archive claims; `unzipWithin` counts the real bytes.
 */
export function checkZipExpansion(bytes: Buffer, limits: ZipLimits = WORKBOOK_LIMITS): Entry[] {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('it is cut short or damaged');
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw bomb('it uses the ZIP64 format, meant for archives of many gigabytes');
  if (count > limits.maxEntries) throw bomb(`it holds ${count} parts`);
  const entries: Entry[] = [];
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY)
      throw damaged('its index is damaged');
    const packed = bytes.readUInt32LE(offset + 20);
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff || packed === 0xffffffff)
      throw bomb('it uses the ZIP64 format, meant for archives of many gigabytes');
    unpacked += size;
    if (unpacked > limits.maxUnpackedBytes)
      throw bomb(`it would unpack to more than ${limits.maxUnpackedBytes / 1024 / 1024} MB`);
    if (size > 1024 * 1024 && size / Math.max(packed, 1) > limits.maxRatio)
      throw bomb(`one part would unpack to ${Math.round(size / Math.max(packed, 1))} times its size`);
    const nameLength = bytes.readUInt16LE(offset + 28);
    if (offset + 46 + nameLength > bytes.length) throw damaged('its index is damaged');
    entries.push({
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      flags: bytes.readUInt16LE(offset + 8),
      method: bytes.readUInt16LE(offset + 10),
      crc: bytes.readUInt32LE(offset + 16),
      packed,
      size,
      localOffset: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

/**
 * Inflates one part on zlib's worker threads (the event loop stays free for other requests),
 * counting the bytes as they come out and stopping the moment they pass `budget`.
 */
function inflateWithin(packed: Buffer, budget: number, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let total = 0;
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= budget) return void chunks.push(chunk);
      inflater.destroy();
      reject(bomb(`it unpacks to more than ${limit / 1024 / 1024} MB`));
    });
    inflater.on('error', () => reject(damaged('a part cannot be unpacked')));
    inflater.on('end', () => resolve(Buffer.concat(chunks, total)));
    inflater.end(packed);
  });
}

/**
 * Unpacks every part, counting the bytes that really come out: inflation stops the moment the
 * running total passes the limit, whatever the directory claimed. A part that does not come out
 * at the size and checksum its directory entry gives is refused as damaged.
 */
export async function unzipWithin(bytes: Buffer, limits: ZipLimits = WORKBOOK_LIMITS): Promise<Map<string, Buffer>> {
  const parts = new Map<string, Buffer>();
  const seen = new Set<string>();
  let remaining = limits.maxUnpackedBytes;
  for (const entry of checkZipExpansion(bytes, limits)) {
    const name = entry.name.replace(/^\/+/, '');
    if (name.includes('\\') || name.split('/').includes('..') || seen.has(name.toLowerCase()))
      throw damaged(`it has a part named ${JSON.stringify(entry.name.slice(0, 60))} that a workbook cannot have`);
    seen.add(name.toLowerCase());
    if (entry.flags & 0x1) throw damaged('it is encrypted');
    const at = entry.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damaged('a part is missing');
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    if (start + entry.packed > bytes.length) throw damaged('it is cut short');
    const packed = bytes.subarray(start, start + entry.packed);
    let data: Buffer;
    if (entry.method === 0) data = packed;
    else if (entry.method === 8) data = await inflateWithin(packed, remaining, limits.maxUnpackedBytes);
    else throw damaged('it uses an unusual compression method');
    if (data.length > remaining) throw bomb(`it unpacks to more than ${limits.maxUnpackedBytes / 1024 / 1024} MB`);
    if (data.length !== entry.size || crc32(data) !== entry.crc) throw damaged('its index does not match its contents');
    remaining -= data.length;
    if (!name.endsWith('/')) parts.set(name, data);
  }
  return parts;
}

/**
 * The parts as a zip with no compression, for the workbook parser: it then has nothing left to
 * inflate, so it can only ever see the bytes already counted and checked here.
 */
export function storedZip(parts: Map<string, Buffer>): Buffer {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [partName, data] of parts) {
    const name = Buffer.from(partName, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(DIRECTORY_ENTRY, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    directory.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const size = directory.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...directory, end]);
}
