/**
 * Looks at a file without loading it: size, SHA-256 (streamed), container
 * (CSV, gzip CSV, Parquet, JSON), column names and types, and the raw stage
 * relation a connector builds on: every column as VARCHAR named c0…cN, plus
 * __line (the file line of a CSV record, header = line 1; the row number + 1
 * for Parquet). Nothing here holds a whole file in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { OutlayError } from '../core/index.ts';
import { fileStart, gzipRefusal, isGzip } from './gzip-check.ts';
import type { Scratch } from './scratch.ts';
import { ident, q } from './sql.ts';

export type Container = 'csv' | 'parquet' | 'json';

export interface ProbedColumn {
  /** Name as written in the file (BOM and surrounding spaces removed). */
  readonly name: string;
  /** Name in the raw stage relation: c0, c1 … */
  readonly raw: string;
  /** Physical type (VARCHAR for CSV; Parquet's own type otherwise). */
  readonly type: string;
}

export interface FileProbe {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly container: Container;
  readonly gzip: boolean;
  readonly columns: readonly ProbedColumn[];
  /** SELECT __line, c0 … cN (all VARCHAR). Empty for JSON (connectors read JSON themselves). */
  readonly stage: string;
  /** First bytes of the (decompressed) file, for format sniffing. */
  readonly head: string;
  /**
   * CSV only: physical lines of the (decompressed) text, and a relation
   * (rec, line, next) from a record's __line in `stage` (header = 1, one per
   * record) to the physical line it starts on and the line after it. The two
   * differ only when quoted cells hold line breaks; the store uses the map
   * then (see StagedFile.physicalLines), so the fast stage stays cheap.
   */
  readonly physicalLines?: { readonly lines: number; readonly map: string };
  /**
   * Gzip JSON only, when it decompresses to at most KEEP_GZIP_JSON_BYTES: the
   * whole text (BOM removed), kept from the probe's own pass so that the
   * connectors that read JSON whole do not decompress the file a second time.
   * Absent for larger files, which a connector may stream (GCP JSON lines).
   */
  readonly text?: string;
}

/**
 * The most decompressed bytes of a gzip JSON file the probe keeps (64 MiB,
 * DuckDB's largest JSON object in the GCP stage): bounded, because the probe
 * does not know yet whether the connector reads the file whole or streams it.
 */
export const KEEP_GZIP_JSON_BYTES = 64 << 20;

export interface ProbeOptions {
  /** Override of KEEP_GZIP_JSON_BYTES (tests). */
  readonly keepGzipJsonBytes?: number;
  /**
   * A folder, alive until the load ends, for a copy of a CSV without the
   * lines of only spaces or tabs at its end; without it such a file is
   * read as is (and refused naming the first of those lines).
   */
  readonly tempDir?: () => string;
}

/**
 * One streamed pass over the file: its SHA-256 and, for text, how many
 * physical lines it has. A gzip file is decompressed to its end here, so a
 * truncated or corrupt download is refused up front with the line where its
 * readable text stops, instead of a reader error halfway through a load.
 */
async function scanFile(path: string, gzip: boolean, countLines: boolean, keepUpTo = 0): Promise<{ sha256: string; lines: number; text?: string; blankTailFrom?: number }> {
  const h = createHash('sha256');
  let newlines = 0;
  let last = -1;
  const tail = blankTail();
  // Decompressed chunks kept while their total stays within keepUpTo; dropped (undefined) past it.
  let kept: Buffer[] | undefined = keepUpTo > 0 ? [] : undefined;
  let keptBytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (countLines) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1] ?? last;
      if (countLines) tail.push(chunk);
      if (kept) {
        keptBytes += chunk.length;
        if (keptBytes <= keepUpTo) kept.push(chunk);
        else kept = undefined;
      }
      done();
    },
  });
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      h.update(chunk);
      done(null, chunk);
    },
  });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    if (gzip) await pipeline(source, hashing, createGunzip(), counter);
    else await pipeline(source, hashing, counter);
  } catch (e) {
    if (gzip && !(e as NodeJS.ErrnoException).syscall) throw gzipRefusal(path, newlines + 1, e);
    throw new OutlayError('INGEST_IO', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path }, { cause: e });
  }
  const blankTailFrom = countLines ? tail.end() : undefined;
  const out = { sha256: h.digest('hex'), lines: newlines + (last === 10 || last === -1 ? 0 : 1), ...(blankTailFrom === undefined ? {} : { blankTailFrom }) };
  return kept ? { ...out, text: Buffer.concat(kept).toString('utf8').replace(/^\uFEFF/, '') } : out;
}

const isBlankByte = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;

/**
 * Finds lines of only spaces or tabs at the end of a text, which DuckDB's
 * strict reader refuses as a one-cell record: end() gives the byte offset
 * where they start (after the line end of the last line with any other
 * byte), or undefined when the text has none. Each chunk is scanned from
 * its end back to its last non-blank byte, so a normal file costs a few
 * bytes per chunk; only the blank tail itself is kept.
 */
function blankTail(): { push(chunk: Buffer): void; end(): number | undefined } {
  let offset = 0;
  let lastContent = -1;
  let after: Buffer[] = [];
  return {
    push(chunk) {
      let i = chunk.length - 1;
      while (i >= 0 && isBlankByte(chunk[i])) i--;
      if (i >= 0) { lastContent = offset + i; after = [chunk.subarray(i + 1)]; } else after.push(chunk);
      offset += chunk.length;
    },
    end() {
      const rest = Buffer.concat(after);
      const nl = rest.indexOf(10);
      if (nl === -1 || (rest.indexOf(0x20, nl) === -1 && rest.indexOf(0x09, nl) === -1)) return undefined;
      return lastContent + 2 + nl;
    },
  };
}

/**
 * A copy of the text before its blank tail (see blankTail), decompressed,
 * for the reader; the probe's SHA-256, size and line count stay the file's.
 */
async function withoutBlankTail(path: string, gzip: boolean, keepBytes: number, dir: string): Promise<string> {
  const out = join(dir, `${createHash('sha256').update(path).digest('hex').slice(0, 16)}.csv`);
  let left = keepBytes;
  const cut = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const part = chunk.subarray(0, Math.max(0, left));
      left -= part.length;
      done(null, part);
    },
  });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  if (gzip) await pipeline(source, createGunzip(), cut, createWriteStream(out));
  else await pipeline(source, cut, createWriteStream(out));
  return out;
}

/** Record → physical line map: each record starts one line after the previous record ends, and a record ends as many lines further down as its cells hold line breaks. */
function lineMapSql(reader: string, columns: readonly ProbedColumn[]): string {
  const all = `concat(${columns.map((c) => ident(c.raw)).join(', ')})`;
  // ignore_errors: a malformed record further on must not stop the map of the
  // records before it (the reader error's own line is mapped from its predecessor).
  return `SELECT row_number() OVER () + 1 AS rec,
      row_number() OVER () + 1 + sum(__nl) OVER (ROWS UNBOUNDED PRECEDING) - __nl AS line,
      row_number() OVER () + 2 + sum(__nl) OVER (ROWS UNBOUNDED PRECEDING) AS next
    FROM (SELECT strlen(__all) - strlen(replace(__all, chr(10), '')) AS __nl
      FROM (SELECT ${all} AS __all FROM ${reader.replace(/\)$/, ', ignore_errors = true)')}))`;
}

/** A Parquet column type DuckDB reads as a nested value (rendered as JSON text by the stages): MAP, STRUCT, UNION, LIST or array. */
export const isNestedType = (type: string): boolean => /^(MAP|STRUCT|UNION|LIST)\b|\[\d*\]$/.test(type);

async function readHead(path: string, gzip: boolean, size = 65536): Promise<string> {
  let bytes = await fileStart(path, gzip ? size * 4 : size);
  if (gzip) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a truncated prefix */ });
    } catch (e) {
      throw new OutlayError('INGEST_IO', `${path}: not a readable gzip file (${(e as Error).message})`, { file: path }, { cause: e });
    }
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** The first CSV record (RFC 4180: quotes, doubled quotes, commas and newlines inside quotes). */
export function parseCsvHeader(head: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const ch = head[i];
    if (quoted) {
      if (ch === '"' && head[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') { out.push(cell); return out.map((c) => c.trim()); } else cell += ch;
  }
  out.push(cell);
  return out.map((c) => c.trim());
}

function containerOf(path: string, head: Buffer): { container: Container; gzip: boolean } {
  const lower = path.toLowerCase();
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { container: 'parquet', gzip: false };
  const gzip = isGzip(head);
  const name = lower.replace(/\.gz$/, '');
  if (name.endsWith('.json') || name.endsWith('.jsonl') || name.endsWith('.ndjson')) return { container: 'json', gzip };
  return { container: 'csv', gzip };
}

export async function probeFile(path: string, scratch: Scratch, opts: ProbeOptions = {}): Promise<FileProbe> {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (e) {
    throw new OutlayError('INGEST_IO', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path }, { cause: e });
  }
  if (bytes === 0) throw new OutlayError('INGEST_EMPTY_FILE', `${path}: the file is empty (0 bytes); nothing to load`, { file: path });
  const { container, gzip } = containerOf(path, await fileStart(path, 4));
  const keep = container === 'json' && gzip ? opts.keepGzipJsonBytes ?? KEEP_GZIP_JSON_BYTES : 0;
  const { sha256, lines, text, blankTailFrom } = await scanFile(path, gzip, container === 'csv' || gzip, keep);

  if (container === 'parquet') {
    const described = await scratch.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${q(path)})`)
      .catch((e: Error) => { throw new OutlayError('INGEST_IO', `${path}: not a readable Parquet file (${e.message})`, { file: path }, { cause: e }); });
    const columns = described.map((d, i) => ({ name: d.column_name, raw: `c${i}`, type: d.column_type }));
    // Empty strings mean "no value" in Parquet exports too (untagged CUR lines).
    const casts = columns.map((c) => `nullif(${isNestedType(c.type) ? `to_json(${ident(c.name)})::VARCHAR` : `CAST(${ident(c.name)} AS VARCHAR)`}, '') AS ${c.raw}`);
    const stage = `SELECT file_row_number + 1 AS __line, ${casts.join(', ')} FROM read_parquet(${q(path)}, file_row_number = true)`;
    return { path, bytes, sha256, container, gzip, columns, stage, head: '' };
  }

  const head = await readHead(path, gzip);
  // Blank lines alone are an empty file in every container, not an unknown format.
  if (head.trim() === '') throw new OutlayError('INGEST_EMPTY_FILE', `${path}: the file has ${container === 'json' ? 'only blank lines' : 'no header line'}; nothing to load`, { file: path });
  if (container === 'json') return { path, bytes, sha256, container, gzip, columns: [], stage: '', head, ...(text === undefined ? {} : { text }) };
  const names = parseCsvHeader(head);
  const columns = names.map((name, i) => ({ name, raw: `c${i}`, type: 'VARCHAR' }));
  const spec = columns.map((c) => `${q(c.raw)}: 'VARCHAR'`).join(', ');
  // Explicit columns and no sniffing: the header we parsed is the schema, and a
  // row with too many or too few cells is an error with DuckDB's line number.
  const trimmed = blankTailFrom !== undefined && opts.tempDir ? await withoutBlankTail(path, gzip, blankTailFrom, opts.tempDir()) : undefined;
  const reader = `read_csv(${q(trimmed ?? path)}, header = true, auto_detect = false,
    delim = ',', quote = '"', escape = '"', nullstr = ['NULL', ''], strict_mode = true, max_line_size = 16777216,
    compression = '${gzip && !trimmed ? 'gzip' : 'none'}', columns = {${spec}})`;
  // A record whose every cell is empty (`,,,,`: a spreadsheet's trailing row) is no record: it is
  // skipped after numbering, so every other record keeps its line. coalesce stops at the first cell.
  const stage = `SELECT * FROM (SELECT row_number() OVER () + 1 AS __line, * FROM ${reader})
    WHERE coalesce(${columns.map((c) => ident(c.raw)).join(', ')}) IS NOT NULL`;
  return { path, bytes, sha256, container, gzip, columns, stage, head, physicalLines: { lines, map: lineMapSql(reader, columns) } };
}
