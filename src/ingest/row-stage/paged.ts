/**
 * Follows a cursor-paged admin API (OpenAI and Anthropic both answer
 * `{data, has_more, next_page}` and take the cursor back as `page`), saving
 * every page verbatim as one NDJSON line so the saved file is what the
 * connectors read. The key is sent as a header and never appears in an
 * error, a log line or the saved file.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { OutlayError } from '../../core/index.ts';
import type { JsonDoc } from './fields.ts';
import type { JsonObject } from './json.ts';

export interface PagedFetch {
  readonly source: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly outFile: string;
  readonly maxPages?: number;
  readonly timeoutMs?: number;
}

const redact = (url: URL): string => `${url.origin}${url.pathname}`;

export async function fetchPages(f: PagedFetch): Promise<number> {
  writeFileSync(f.outFile, '');
  let url = new URL(f.url);
  for (let n = 1; n <= (f.maxPages ?? 1000); n++) {
    let res: Response;
    try {
      res = await fetch(url, { headers: f.headers, signal: AbortSignal.timeout(f.timeoutMs ?? 60_000) });
    } catch (e) {
      throw new OutlayError('INGEST_IO', `${f.source}: cannot reach ${redact(url)} (${(e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message})`, { file: redact(url) }, { cause: e });
    }
    const body = await res.text();
    if (!res.ok) {
      throw new OutlayError(res.status === 401 || res.status === 403 ? 'UNAUTHENTICATED' : 'INGEST_IO',
        `${f.source}: ${redact(url)} answered HTTP ${res.status}${res.status === 401 ? ' (check the admin key)' : ''}`, { file: redact(url), field: 'status', value: String(res.status) });
    }
    let page: { has_more?: unknown; next_page?: unknown; data?: unknown };
    try {
      page = JSON.parse(body) as typeof page;
    } catch {
      throw new OutlayError('INGEST_BAD_ROW', `${f.source}: page ${n} of ${redact(url)} is not JSON`, { file: redact(url), line: 1, field: '(json)' });
    }
    if (!Array.isArray(page.data)) throw new OutlayError('INGEST_BAD_ROW', `${f.source}: page ${n} of ${redact(url)} has no data array`, { file: redact(url), line: 1, field: '$.data' });
    appendFileSync(f.outFile, `${JSON.stringify(page)}\n`);
    if (page.has_more !== true) return n;
    if (typeof page.next_page !== 'string' || page.next_page === '') {
      throw new OutlayError('INGEST_BAD_ROW', `${f.source}: page ${n} of ${redact(url)} says has_more = true but has no next_page cursor; refusing a partial pull (nothing was stored)`,
        { file: redact(url), line: 1, field: '$.next_page', value: String(page.next_page) });
    }
    url = new URL(f.url);
    url.searchParams.set('page', page.next_page);
  }
  throw new OutlayError('INGEST_IO', `${f.source}: more than ${f.maxPages ?? 1000} pages; narrow the time range`, { file: redact(f.url) });
}

/**
 * Checks a saved page's cursor the way the live pull does: the APIs always
 * send a next_page with has_more = true, so a page without one comes from a
 * cut-off or broken pull and the file is refused (line and `$.next_page`
 * named). Returns the cursor, or null on a last page.
 */
export function savedPageCursor(doc: JsonDoc, page: JsonObject, path: string): string | null {
  if (page.has_more !== true) return null;
  const next = page.next_page;
  if (typeof next === 'string' && next !== '') return next;
  return doc.fail(page, `${path}.next_page`, 'has_more is true but there is no next_page cursor (a cut-off pull; pull again)', next ?? null);
}

/** An admin key from an environment variable, or from the file named by VAR_FILE; never from argv. */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv, read: (p: string) => string): string {
  const direct = env[name]?.trim();
  if (direct) return direct;
  const file = env[`${name}_FILE`]?.trim();
  if (file) {
    const v = read(file).trim();
    if (v) return v;
    throw new OutlayError('CONFIG_INVALID', `${name}_FILE names an empty file`, { field: `${name}_FILE` });
  }
  throw new OutlayError('CONFIG_INVALID', `set ${name} (or ${name}_FILE, a file holding it) to an admin API key; keys are never taken on the command line`, { field: name });
}
