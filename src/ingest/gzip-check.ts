/**
 * The one place that decides whether a file is gzip (by its magic bytes, not
 * its name: a ".csv" may be gzip and a ".gz" may not), and how Outlay refuses
 * a gzip file that does not decompress to its end (the probe reads every gzip
 * file through once before anything is staged).
 */
import { open } from 'node:fs/promises';
import { OutlayError } from '../core/index.ts';

/** Whether bytes start with the gzip magic number (RFC 1952: 1f 8b). */
export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function fileStart(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Whether the file at `path` is gzip, from its first two bytes. */
export const isGzipFile = async (path: string): Promise<boolean> => isGzip(await fileStart(path, 2));

/** The refusal for a gzip file that does not decompress to its end; `line` is where its readable text stops. */
export function gzipRefusal(path: string, line: number, cause: unknown): OutlayError {
  const why = (cause as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'the gzip stream ends early (truncated file)' : (cause as Error).message;
  return new OutlayError('INGEST_IO', `${path}:${line}: cannot read the gzip file: ${why}; nothing was stored`, { file: path, line, field: '(gzip)' }, { cause });
}
