import { readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { OutlayError } from '../../core/index.ts';
import { gzipRefusal } from '../gzip-check.ts';
import type { FileProbe } from '../probe.ts';
import { JsonDoc } from './fields.ts';
import { parseJsonOrLines } from './json.ts';

/** The whole (decompressed) text of a probed file; usage pages and telemetry snapshots are bounded. */
export function readProbeText(probe: FileProbe): string {
  let buf: Buffer;
  try {
    buf = readFileSync(probe.path);
  } catch (e) {
    throw new OutlayError('INGEST_IO', `${probe.path}: cannot read (${(e as Error).message})`, { file: probe.path }, { cause: e });
  }
  try {
    return (probe.gzip ? gunzipSync(buf) : buf).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw cutGzip(probe.path, buf, e);
  }
}

/** A gzip that does not decompress to its end, refused with the line where its readable text stops. */
function cutGzip(path: string, buf: Buffer, cause: unknown): OutlayError {
  let readable = Buffer.alloc(0);
  try {
    readable = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    // corrupt rather than cut short: nothing readable to count
  }
  let line = 1;
  for (let i = readable.indexOf(10); i !== -1; i = readable.indexOf(10, i + 1)) line++;
  return gzipRefusal(path, line, cause);
}

/** A probed JSON / NDJSON file, parsed with lines and exact numbers. */
export function readJsonDoc(probe: FileProbe): JsonDoc {
  return new JsonDoc(probe.path, parseJsonOrLines(readProbeText(probe), probe.path));
}
