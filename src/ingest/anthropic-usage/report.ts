/**
 * Anthropic Admin API reports: `GET /v1/organizations/usage_report/messages`
 * and `GET /v1/organizations/cost_report`. Both answer
 * `{data:[{starting_at, ending_at, results:[…]}], has_more, next_page}` with
 * RFC 3339 times; saved as one page, NDJSON of pages, or a bare bucket array.
 */
import type { Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject, savedPageCursor } from '../row-stage/index.ts';

export interface ReportBucket {
  readonly start: Date;
  readonly end: Date;
  readonly results: readonly { node: JsonObject; path: string }[];
}

export interface Report {
  readonly buckets: readonly ReportBucket[];
  readonly warnings: readonly string[];
}

function pageBuckets(doc: JsonDoc, data: Json[], prefix: string): ReportBucket[] {
  return data.map((b, i) => {
    const path = `${prefix}[${i}]`;
    const node = doc.obj(b, path);
    const start = doc.need(doc.time(node, 'starting_at', path), node, `${path}.starting_at`);
    const end = doc.need(doc.time(node, 'ending_at', path), node, `${path}.ending_at`);
    if (end < start) doc.fail(node, `${path}.ending_at`, 'ends before starting_at');
    const results = doc.arr(node.results, `${path}.results`, node).map((r, j) => ({ node: doc.obj(r, `${path}.results[${j}]`, node), path: `${path}.results[${j}]` }));
    return { start, end, results };
  });
}

export function readReport(doc: JsonDoc): Report {
  const root = doc.root;
  const pages = Array.isArray(root) && root.length > 0 && root.every((p) => isObject(p) && Array.isArray(p.data)) ? root : [root];
  const buckets: ReportBucket[] = [];
  const warnings: string[] = [];
  pages.forEach((p, n) => {
    const prefix = pages.length > 1 ? `$[${n}]` : '$';
    if (Array.isArray(p)) { buckets.push(...pageBuckets(doc, p, prefix)); return; }
    const page = doc.obj(p, prefix);
    savedPageCursor(doc, page, prefix);
    buckets.push(...pageBuckets(doc, doc.arr(page.data, `${prefix}.data`, page), `${prefix}.data`));
    // Every page but the last says has_more; the last one saying it means the pull stopped short.
    if (page.has_more === true && n === pages.length - 1) warnings.push(`${pages.length === 1 ? 'saved page' : `last of ${pages.length} saved pages`} says has_more = true (next_page ${typeof page.next_page === 'string' ? page.next_page : 'missing'}): later pages are not in this file`);
  });
  return { buckets, warnings };
}

/**
 * An answer for a window without buckets: Anthropic's page envelope and
 * nothing else (`{"data": [], "has_more": false, "next_page": null}`).
 * OpenAI's pages add `"object": "page"`, OpenCost's `code`, LiteLLM's
 * `metadata`; the head is the whole file when it parses.
 */
function isEmptyReport(head: string): boolean {
  let v: unknown;
  try { v = JSON.parse(head); } catch { return false; }
  if (!isObject(v as Json)) return false;
  const o = v as JsonObject;
  return Object.keys(o).sort().join() === 'data,has_more,next_page' && Array.isArray(o.data) && o.data.length === 0
    && typeof o.has_more === 'boolean' && (o.next_page === null || typeof o.next_page === 'string');
}

export function sniffAnthropic(head: string): 'usage' | 'cost' | null {
  // Usage or cost cannot be told from an empty answer; either loads 0 rows.
  if (head.length < 256 && isEmptyReport(head)) return 'usage';
  if (!/"starting_at"/.test(head)) return null;
  if (/"uncached_input_tokens"\s*:\s*\d/.test(head) || /"cache_read_input_tokens"/.test(head)) return 'usage';
  if (/"amount"\s*:\s*"/.test(head) || /"cost_type"/.test(head)) return 'cost';
  // Leading days without usage: a report whose first buckets are all empty.
  if (/"ending_at"\s*:/.test(head) && /"results"\s*:\s*\[\s*\]/.test(head)) return 'usage';
  return null;
}
