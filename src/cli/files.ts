/* global Buffer, process */
// The command's file safety: an output path that is the input in disguise is refused, outputs are
// written to a temporary file beside the target and renamed into place, and an .xlsx is inspected
// (its zip directory) before anything inflates it. DESIGN §5 (Files).
import * as fs from "fs";
import * as path from "path";

/** The input or output file cannot be used as given: exit 2, nothing written. */
export class InputError extends Error {}

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    // Not there yet: resolve its folder (which may be a link) and keep the name.
    try {
      return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/**
 * Throws when writing `out` would overwrite `input`: the same path, the same real path (a symbolic
 * link or a link in a parent folder), the same file under another name (a hard link: same device
 * and inode), or the same name in another case (which is the same file on case-insensitive file
 * systems, macOS and Windows by default).
 */
export function refuseOverwrite(input: string, out: string, what = "--out"): void {
  const a = realOrResolved(input);
  const b = realOrResolved(out);
  const refuse = (why: string) => {
    throw new InputError(
      `${what} ${out} ${why} the input ${input}: the input is never overwritten; choose another file.`
    );
  };
  if (a === b) refuse("is");
  if (
    a.toLowerCase() === b.toLowerCase() ||
    path.resolve(input).toLowerCase() === path.resolve(out).toLowerCase()
  )
    refuse("differs only in letter case from");
  let si: fs.Stats;
  let so: fs.Stats;
  try {
    si = fs.statSync(input);
    so = fs.statSync(out);
  } catch {
    return;
  }
  if (si.dev === so.dev && si.ino === so.ino && si.ino !== 0) refuse("is a link to");
}

/**
 * A file written whole or not at all: text goes to `<dir>/.<name>.<pid>.tmp` (encoded into one
 * reused buffer, written in large blocks), and commit() flushes it to disk and renames it over the
 * target; abort() removes it. A reader of the target sees the previous file or the new one, never
 * a part.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number | null;
  // Text is encoded as it comes into this buffer: a line written is garbage at once, so a large
  // file's text never piles up in the heap waiting for its block to be written.
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  written = 0;

  constructor(readonly target: string) {
    const dir = path.dirname(path.resolve(target));
    fs.mkdirSync(dir, { recursive: true });
    this.temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = fs.openSync(this.temp, "wx");
  }

  write(text: string): void {
    const n = text.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8: room for that is room for the text.
    if (this.used + 3 * n > this.buffer.length) {
      this.flush();
      if (3 * n > this.buffer.length) {
        this.writeOut(Buffer.from(text, "utf8"));
        return;
      }
    }
    const buffer = this.buffer;
    const at = this.used;
    if (n <= 32) {
      // Short text (most cells), copied here when it is ASCII: cheaper than the encoder's call.
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        buffer[at + i] = c;
      }
      if (i === n) {
        this.used = at + n;
        return;
      }
    }
    this.used = at + buffer.write(text, at, "utf8");
  }

  /** Writes one ASCII character (a delimiter, a quote, a line end), given by its code. */
  byte(code: number): void {
    if (this.used >= this.buffer.length) this.flush();
    this.buffer[this.used++] = code;
  }

  private flush(): void {
    if (this.used) this.writeOut(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeOut(data: Buffer): void {
    if (this.fd === null) return;
    // A short write, which a regular file rarely makes, goes on from the byte it stopped at.
    let off = 0;
    while (off < data.length) off += fs.writeSync(this.fd, data, off);
    this.written += data.length;
  }

  /** Flushes, syncs and closes the temporary file; rename() then puts it in place. */
  finish(): void {
    if (this.fd === null) return;
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = null;
  }

  rename(): void {
    fs.renameSync(this.temp, this.target);
  }

  abort(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    fs.rmSync(this.temp, { force: true });
  }
}

/** A temporary path beside `target` for writers that open the file themselves (exceljs). */
export function tempPathFor(target: string): string {
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
}

// Guards against workbooks that expand far past their size (zip bombs) and sheets too large to
// hold: checked from the zip's central directory before anything is inflated.
export const XLSX_LIMITS = {
  /** Total uncompressed size of all parts (a full 1,048,576 x 16 sheet is about 1 GB). */
  maxExpandedBytes: 2 * (1 << 30),
  /** Ratio of uncompressed to compressed size of any part over 1 MB (real sheets: 5-30). */
  maxRatio: 150,
  /**
   * Uncompressed sheet XML this command edits in memory (about a million cells), keeping styles;
   * larger workbooks are read and written as streams, values and formulas only.
   */
  maxSheetBytes: 120 * (1 << 20),
  /** Cells read from a streamed sheet (a full-width sheet has 16.8 million). */
  maxCells: 20_000_000,
};

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** The entries of a zip file's central directory (ZIP64 sizes included); throws InputError on a broken file. */
export function zipEntries(file: string): ZipEntry[] {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw new InputError("not a zip archive (an .xlsx is one)");
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      const loc = eocd - 20;
      if (loc >= 0 && tail.readUInt32LE(loc) === 0x07064b50) {
        const z64 = Buffer.alloc(56);
        fs.readSync(fd, z64, 0, 56, Number(tail.readBigUInt64LE(loc + 8)));
        count = Number(z64.readBigUInt64LE(32));
        cdSize = Number(z64.readBigUInt64LE(40));
        cdOffset = Number(z64.readBigUInt64LE(48));
      }
    }
    if (cdSize > 64 * (1 << 20) || cdOffset + cdSize > size)
      throw new InputError("its zip directory is damaged");
    const cd = Buffer.alloc(cdSize);
    fs.readSync(fd, cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count && p + 46 <= cd.length; k++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new InputError("its zip directory is damaged");
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      let e = p + 46 + nameLength;
      const end = e + extraLength;
      while (e + 4 <= end) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressed === 0xffffffff) compressed = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, compressed, uncompressed });
      p = end + commentLength;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

const MB = (n: number) => `${(n / (1 << 20)).toFixed(0)} MB`;

/**
 * Refuses an .xlsx that expands past the limits (a zip bomb), before any of it is inflated, and
 * says whether it can be edited in memory ("memory") or must stream ("stream").
 */
export function guardXlsx(file: string, limits = XLSX_LIMITS): "memory" | "stream" {
  const entries = zipEntries(file);
  let total = 0;
  let sheets = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed > 1 << 20 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio)
      throw new InputError(
        `${e.name} expands ${Math.round(e.uncompressed / Math.max(1, e.compressed))} times (${MB(e.compressed)} to ${MB(e.uncompressed)}), more than any real sheet: refused as a possible zip bomb.`
      );
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) sheets += e.uncompressed;
  }
  if (total > limits.maxExpandedBytes)
    throw new InputError(
      `the workbook expands to ${MB(total)}, more than the ${MB(limits.maxExpandedBytes)} this command opens: refused.`
    );
  return sheets > limits.maxSheetBytes ? "stream" : "memory";
}
