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
    const why = (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'the gzip stream ends early (truncated file)' : (e as Error).message;
    throw new OutlayError('INGEST_IO', `${path}:${lines}: cannot read the gzip file: ${why}; nothing was stored`, { file: path, line: lines, field: '(gzip)' }, { cause: e });
  }
}
