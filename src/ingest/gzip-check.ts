/**
 * A gzip file is read to its end once before it is staged, streamed (bounded
 * memory), so a truncated or corrupt download is refused up front with the
 * line where the readable text stops, instead of a reader error halfway
 * through a load.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { OutlayError } from '../core/index.ts';

export async function assertWholeGzip(path: string): Promise<void> {
  let lines = 1;
  const count = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      done();
    },
  });
  try {
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), createGunzip(), count);
  } catch (e) {
    throw gzipRefusal(path, lines, e);
  }
}

/** The refusal for a gzip file that does not decompress to its end; `line` is where its readable text stops. */
export function gzipRefusal(path: string, line: number, cause: unknown): OutlayError {
  const why = (cause as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'the gzip stream ends early (truncated file)' : (cause as Error).message;
  return new OutlayError('INGEST_IO', `${path}:${line}: cannot read the gzip file: ${why}; nothing was stored`, { file: path, line, field: '(gzip)' }, { cause });
}
