import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OutlayError } from '../../core/index.ts';
import type { FileProbe } from '../probe.ts';
import { JsonDoc } from './fields.ts';
import { parseJsonOrLines } from './json.ts';

/**
 * The whole (decompressed) text of a probed file; usage pages and telemetry
 * snapshots are bounded. A gzip JSON file's text usually comes from the probe's
 * own decompressing pass (FileProbe.text); only larger ones are read again.
 */
export function readProbeText(probe: FileProbe): string {
  if (probe.text !== undefined) return probe.text;
  let buf: Buffer;
  try {
    buf = readFileSync(probe.path);
  } catch (e) {
    throw new OutlayError('INGEST_IO', `${probe.path}: cannot read (${(e as Error).message})`, { file: probe.path }, { cause: e });
  }
  try {
    return (probe.gzip ? gunzipSync(buf) : buf).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    // The probe already refused a gzip cut short, with its line; this only happens if the file changed since.
    throw new OutlayError('INGEST_IO', `${probe.path}: cannot decompress (${(e as Error).message}); did the file change while it was being read?`, { file: probe.path }, { cause: e });
  }
}

/** A probed JSON / NDJSON file, parsed with lines and exact numbers. */
export function readJsonDoc(probe: FileProbe): JsonDoc {
  return new JsonDoc(probe.path, parseJsonOrLines(readProbeText(probe), probe.path));
}
