/**
 * DuckDB's strict CSV reader fixes the line end (LF or CRLF) from the file's
 * start and fails on a record that ends otherwise with "The CSV Parser state
 * machine reached an invalid state", naming no line. Such files exist (a
 * CRLF export with rows appended by an LF tool), so when that error comes
 * back the file is scanned once, quote-aware, for the first record whose line
 * end differs from the header's, and the refusal names that line.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { OutlayError, isOutlayError } from '../core/index.ts';
import { isGzipFile } from './gzip-check.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export interface MixedLineEnd {
  /** Physical line (header = 1) whose end differs from the header's. */
  readonly line: number;
  readonly found: 'LF' | 'CRLF';
  readonly header: 'LF' | 'CRLF';
}

/** Line ends of records only: a line break inside a quoted cell is part of the cell. */
export function lineEndScanner(): { push(chunk: Uint8Array): MixedLineEnd | undefined } {
  let quoted = false;
  let prev = -1;
  let line = 1;
  let header: 'LF' | 'CRLF' | undefined;
  return {
    push(chunk) {
      for (const b of chunk) {
        if (b === QUOTE) quoted = !quoted;
        else if (b === LF && !quoted) {
          const kind = prev === CR ? 'CRLF' : 'LF';
          if (!header) header = kind;
          else if (kind !== header) return { line, found: kind, header };
        }
        if (b === LF) line++;
        prev = b;
      }
      return undefined;
    },
  };
}

export async function findMixedLineEnd(path: string): Promise<MixedLineEnd | undefined> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = gzip ? raw.pipe(createGunzip()) : raw;
  const scan = lineEndScanner();
  try {
    for await (const chunk of source) {
      const hit = scan.push(chunk as Buffer);
      if (hit) return hit;
    }
  } finally {
    raw.destroy();
  }
  return undefined;
}

/** The reader's line-less "invalid state" refusal, given the line where the line ends change; other errors unchanged. */
export async function withMixedLineEnd(e: unknown): Promise<unknown> {
  if (!isOutlayError(e) || e.code !== 'INGEST_BAD_ROW' || e.details.line !== undefined || !e.details.file) return e;
  if (!/state machine reached an invalid state/i.test(e.message)) return e;
  const file = e.details.file;
  const hit = await findMixedLineEnd(file).catch(() => undefined);
  if (!hit) return e;
  return new OutlayError('INGEST_BAD_ROW',
    `${file}, line ${hit.line}: cannot read: the line ends with ${hit.found} where the header line ends with ${hit.header} (mixed line ends); save the file with one kind of line end`,
    { file, line: hit.line, field: '(row)' }, { cause: e });
}
