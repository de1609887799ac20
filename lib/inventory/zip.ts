import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { formatBytes, IMPORT_LIMITS } from "./file-limits";

// The ZIP container of an uploaded workbook, read from the bytes in memory: the central directory
// without inflating anything, then one entry at a time as a stream of inflated chunks whose total
// may not pass the size the directory declares. So a ZIP bomb is refused by its directory (the
// declared sizes together over the limit), and a directory that lies about a size is refused
// after at most that size was produced, with only one chunk (64 KB) held at a time. See ADR 008
// and 031.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A workbook that is damaged, not a workbook, or a ZIP bomb: the message is for the user. */
export class ZipRefusal extends Error {
  override name = "ZipRefusal";
}

const CHUNK = 64 * 1024;

/**
 * Reads a ZIP's central directory without inflating anything. Throws a ZipRefusal with a
 * message fit for the user when the bytes are not a ZIP this importer accepts.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal("the workbook is damaged (its ZIP directory is missing); open it in Excel and save it again");
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipRefusal("the workbook uses ZIP64, which is only needed for files far larger than the import limit");
  if (count > IMPORT_LIMITS.maxZipEntries) throw new ZipRefusal(`the workbook holds ${count} files; an inventory workbook has far fewer (at most ${IMPORT_LIMITS.maxZipEntries})`);
  if (dirOffset + dirSize > eocd) throw new ZipRefusal("the workbook is damaged (its ZIP directory points outside the file)");
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new ZipRefusal("the workbook is damaged (a ZIP directory entry is unreadable)");
    const nameLength = view.getUint16(p + 28, true);
    const entry = {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipRefusal("the workbook uses ZIP64, which is only needed for files far larger than the import limit");
    entries.push(entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * The directory of a workbook, refused when it would unpack to more than the limit (by the sizes
 * it declares: nothing is inflated) or is not an Excel workbook at all.
 */
export function readWorkbookDirectory(bytes: Uint8Array): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  const declared = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (declared > IMPORT_LIMITS.maxUnzippedBytes) {
    throw new ZipRefusal(`the workbook would unpack to ${formatBytes(declared)}; at most ${formatBytes(IMPORT_LIMITS.maxUnzippedBytes)} is accepted (is it a ZIP bomb?)`);
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) throw new ZipRefusal("this ZIP file is not an Excel workbook (.xlsx): it has no xl/workbook.xml");
  return entries;
}

/** The compressed bytes of an entry, found through its local header. */
function compressedData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new ZipRefusal(`the workbook is damaged (${e.name} cannot be found)`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (data.length !== e.compressedSize) throw new ZipRefusal(`the workbook is damaged (${e.name} is cut short)`);
  return data;
}

/**
 * An entry's content as a stream of chunks, inflated on libuv's thread pool (the event loop stays
 * free). Throws a ZipRefusal as soon as the output passes the declared size (a lying directory,
 * likely a bomb), when it ends short of it, or when the data cannot be inflated. Stopping early
 * (a `break` in the consumer's loop) releases the inflater.
 */
export async function* readZipEntry(bytes: Uint8Array, e: ZipEntry): AsyncGenerator<Buffer> {
  const data = compressedData(bytes, e);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ZipRefusal(`the workbook is damaged (${e.name} has inconsistent sizes)`);
    for (let i = 0; i < data.length; i += CHUNK) yield Buffer.from(data.buffer, data.byteOffset + i, Math.min(CHUNK, data.length - i));
    return;
  }
  if (e.method !== 8) throw new ZipRefusal(`the workbook uses a compression method this importer does not read (${e.method} in ${e.name})`);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += CHUNK) yield Buffer.from(data.buffer, data.byteOffset + i, Math.min(CHUNK, data.length - i));
    })(),
  );
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  source.on("error", (err) => inflater.destroy(err));
  source.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > e.uncompressedSize) throw new ZipRefusal(`the workbook is refused: ${e.name} unpacks to more than its directory declares (is it a ZIP bomb?)`);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipRefusal) throw err;
    throw new ZipRefusal(`the workbook is damaged (${e.name} cannot be unpacked)`);
  } finally {
    source.destroy();
    inflater.destroy();
  }
  if (produced !== e.uncompressedSize) throw new ZipRefusal(`the workbook is damaged (${e.name} is not the size its directory declares)`);
}

/** Inflates an entry only to check it (bomb, damage), keeping nothing. */
export async function verifyZipEntry(bytes: Uint8Array, e: ZipEntry): Promise<void> {
  for await (const _chunk of readZipEntry(bytes, e)) {
    // counted and checked by readZipEntry; nothing is kept
  }
}
