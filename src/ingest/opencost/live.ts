/**
 * Pulls `/allocation/compute` from an OpenCost URL (loopback or in-cluster)
 * and saves the answer for the connector: daily steps, idle included.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutlayError } from '../../core/index.ts';

export interface OpenCostCollectOptions {
  readonly url: string;
  readonly window: string;
  readonly aggregate?: string;
  readonly outDir: string;
  readonly timeoutMs?: number;
}

export async function collectOpenCost(o: OpenCostCollectOptions): Promise<string[]> {
  const base = new URL(o.url);
  const url = new URL(base.pathname.includes('/allocation') ? base : new URL('/allocation/compute', base));
  url.searchParams.set('window', o.window);
  url.searchParams.set('aggregate', o.aggregate ?? 'namespace,controller,pod');
  url.searchParams.set('step', '1d');
  url.searchParams.set('includeIdle', 'true');
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 120_000) });
  } catch (e) {
    throw new OutlayError('INGEST_IO', `OpenCost: cannot reach ${url.origin}${url.pathname} (${(e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message})`, { file: url.origin }, { cause: e });
  }
  const body = await res.text();
  if (!res.ok) throw new OutlayError('INGEST_IO', `OpenCost: ${url.origin}${url.pathname} answered HTTP ${res.status}`, { file: url.origin, field: 'status', value: String(res.status) });
  const out = join(o.outDir, 'opencost-allocation.json');
  writeFileSync(out, body);
  return [out];
}
