/**
 * How Outlay refuses a gzip file that does not decompress to its end (the
 * probe reads every gzip file through once before anything is staged).
 */
import { OutlayError } from '../core/index.ts';

/** The refusal for a gzip file that does not decompress to its end; `line` is where its readable text stops. */
export function gzipRefusal(path: string, line: number, cause: unknown): OutlayError {
  const why = (cause as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'the gzip stream ends early (truncated file)' : (cause as Error).message;
  return new OutlayError('INGEST_IO', `${path}:${line}: cannot read the gzip file: ${why}; nothing was stored`, { file: path, line, field: '(gzip)' }, { cause });
}
