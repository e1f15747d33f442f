/**
 * OpenAI organization Usage and Costs API responses: a page
 * `{object:"page", data:[bucket…], has_more, next_page}` or the bare array of
 * buckets that clients build by concatenating pages' `data`.
 */
import type { Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject, savedPageCursor } from '../row-stage/index.ts';

export interface Bucket {
  readonly node: JsonObject;
  readonly path: string;
  readonly start: Date;
  readonly end: Date;
  readonly results: readonly { node: JsonObject; path: string }[];
}

export interface Page {
  readonly buckets: readonly Bucket[];
  readonly hasMore: boolean;
  readonly nextPage: string | null;
}

export function readPage(doc: JsonDoc): Page {
  const root = doc.root;
  let data: Json[];
  let prefix = '';
  let hasMore = false;
  let nextPage: string | null = null;
  if (Array.isArray(root)) data = root;
  else {
    const page = doc.obj(root, '$');
    data = doc.arr(page.data, '$.data', page);
    prefix = '.data';
    hasMore = page.has_more === true;
    nextPage = savedPageCursor(doc, page, '$') ?? doc.str(page, 'next_page', '$');
  }
  const buckets = data.map((b, i) => {
    const path = `$${prefix}[${i}]`;
    const node = doc.obj(b, path);
    const start = doc.need(doc.time(node, 'start_time', path), node, `${path}.start_time`);
    const end = doc.need(doc.time(node, 'end_time', path), node, `${path}.end_time`);
    if (end < start) doc.fail(node, `${path}.end_time`, 'ends before start_time');
    const results = doc.arr(node.results ?? node.result, `${path}.results`, node).map((r, j) => ({ node: doc.obj(r, `${path}.results[${j}]`, node), path: `${path}.results[${j}]` }));
    return { node, path, start, end, results };
  });
  return { buckets, hasMore, nextPage };
}

/** Which OpenAI payload a file head looks like: usage (with its kind) or costs. */
export function sniffOpenAi(head: string): 'usage' | 'cost' | null {
  if (/"organization\.costs\.result"/.test(head)) return 'cost';
  if (/"organization\.usage\.[a-z_]+\.result"/.test(head)) return 'usage';
  // Leading days without traffic: buckets with empty results still say what they are.
  if (/"object"\s*:\s*"bucket"/.test(head) && /"start_time"\s*:/.test(head)) return 'usage';
  // A pull of a window without traffic: an empty page still loads (0 rows), like a header-only CSV.
  if (/"object"\s*:\s*"page"/.test(head) && /"data"\s*:\s*\[\s*\]/.test(head)) return 'usage';
  return null;
}

export const resultKind = (r: JsonObject): string => {
  const o = typeof r.object === 'string' ? r.object : '';
  return /^organization\.usage\.([a-z_]+)\.result$/.exec(o)?.[1] ?? 'completions';
};

export const isPage = (v: Json): boolean => isObject(v) && v.object === 'page';
