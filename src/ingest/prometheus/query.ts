/**
 * A small Prometheus HTTP API client: `/api/v1/query_range` and
 * `/api/v1/query`, with a client-side timeout and Prometheus's own error
 * answers (`{"status":"error","errorType":"timeout"}`) turned into clear errors.
 */
import { OutlayError } from '../../core/index.ts';

export interface RangeSeries {
  readonly metric: Record<string, string>;
  readonly values: ReadonlyArray<readonly [number, string]>;
}

export interface PromClient {
  readonly base: URL;
  readonly timeoutMs: number;
}

async function call(c: PromClient, path: string, params: Record<string, string>): Promise<unknown> {
  const url = new URL(path, c.base.href.endsWith('/') ? c.base : new URL(`${c.base.href}/`));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('timeout', `${Math.max(1, Math.floor(c.timeoutMs / 1000))}s`);
  const where = `${url.origin}${url.pathname}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(c.timeoutMs) });
  } catch (e) {
    const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
    throw new OutlayError('INGEST_IO', timedOut
      ? `Prometheus at ${where} did not answer within ${c.timeoutMs / 1000} s (query ${params.query}); nothing was stored. Raise --timeout or shorten the window.`
      : `Prometheus at ${where} cannot be reached (${(e as Error).message}); nothing was stored`, { file: where, field: params.query }, { cause: e });
  }
  const text = await res.text();
  let body: { status?: string; data?: unknown; errorType?: string; error?: string };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new OutlayError('INGEST_IO', `Prometheus at ${where} answered HTTP ${res.status} with no JSON`, { file: where, field: params.query });
  }
  if (body.status !== 'success') {
    throw new OutlayError('INGEST_IO', `Prometheus at ${where} refused query ${params.query}: ${body.errorType ?? 'error'}: ${body.error ?? `HTTP ${res.status}`}; nothing was stored`,
      { file: where, field: params.query, value: body.errorType });
  }
  return body.data;
}

export async function queryRange(c: PromClient, query: string, startSec: number, endSec: number, stepSec: number): Promise<RangeSeries[]> {
  const data = await call(c, 'api/v1/query_range', { query, start: String(startSec), end: String(endSec), step: String(stepSec) }) as { result?: RangeSeries[] };
  return data.result ?? [];
}

export async function queryInstant(c: PromClient, query: string, atSec: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const data = await call(c, 'api/v1/query', { query, time: String(atSec) }) as { result?: { metric: Record<string, string>; value: [number, string] }[] };
  return data.result ?? [];
}
