/**
 * OTLP/HTTP JSON traces (`ExportTraceServiceRequest`: resourceSpans →
 * scopeSpans → spans, attributes as `[{key, value:{stringValue|intValue|…}}]`,
 * intValue as a string, times in Unix nanoseconds as strings), one request per
 * file or one per line (the collector's file exporter).
 *
 * GenAI semantic conventions read: gen_ai.provider.name (gen_ai.system
 * before it), gen_ai.response.model then gen_ai.request.model,
 * gen_ai.operation.name, gen_ai.usage.input_tokens / output_tokens (older
 * prompt_tokens / completion_tokens), gen_ai.usage.cache_read.input_tokens and
 * gen_ai.usage.cache_creation.input_tokens (both included in input_tokens,
 * so uncached = input − read − creation), reasoning output tokens where an
 * instrumentation records them, and the service tier.
 * Only model-call spans count (chat, text_completion, generate_content,
 * embeddings, or no operation): agent and tool spans that repeat their
 * children's usage are skipped, so tokens are not counted twice.
 * A span seen again (same traceId and spanId: exporters retry a request whose
 * answer they lost, and the file exporter writes both) counts once, the first;
 * one re-sent in a later file is skipped by the store (x_UsageId).
 */
import type { Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject, JsonNum } from '../row-stage/index.ts';

export interface GenAiSpan {
  /** traceId/spanId; null when the exporter left either out. */
  readonly id: string | null;
  readonly node: JsonObject;
  readonly path: string;
  readonly start: Date;
  readonly end: Date;
  readonly attrs: ReadonlyMap<string, string>;
  readonly resource: ReadonlyMap<string, string>;
}

const SKIP_OPS = new Set(['invoke_agent', 'create_agent', 'execute_tool']);

function anyValue(v: Json | undefined): string | null {
  if (!isObject(v)) return null;
  for (const k of ['stringValue', 'intValue', 'doubleValue', 'boolValue']) {
    const x = v[k];
    if (typeof x === 'string') return x;
    if (x instanceof JsonNum) return x.raw;
    if (typeof x === 'boolean') return String(x);
  }
  if (isObject(v.arrayValue) && Array.isArray(v.arrayValue.values)) return JSON.stringify(v.arrayValue.values.map(anyValue));
  return null;
}

export function attributes(doc: JsonDoc, list: Json | undefined, path: string, parent: Json): Map<string, string> {
  const out = new Map<string, string>();
  if (list === undefined || list === null) return out;
  doc.arr(list, path, parent).forEach((a, i) => {
    const kv = doc.obj(a, `${path}[${i}]`, parent);
    const key = doc.str(kv, 'key', `${path}[${i}]`);
    const val = anyValue(kv.value);
    if (key && val !== null) out.set(key, val);
  });
  return out;
}

/** Every GenAI model-call span of one ExportTraceServiceRequest (or an array of them). */
export function genAiSpans(doc: JsonDoc): { spans: GenAiSpan[]; skipped: number; total: number; duplicates: number } {
  const root = doc.root;
  const requests = Array.isArray(root) ? root : [root];
  const spans: GenAiSpan[] = [];
  let skipped = 0;
  let total = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  requests.forEach((req, q) => {
    const rp = Array.isArray(root) ? `$[${q}]` : '$';
    const r = doc.obj(req, rp);
    doc.arr(r.resourceSpans ?? [], `${rp}.resourceSpans`, r).forEach((rs, i) => {
      const p1 = `${rp}.resourceSpans[${i}]`;
      const o1 = doc.obj(rs, p1, r);
      const resource = attributes(doc, isObject(o1.resource) ? o1.resource.attributes : undefined, `${p1}.resource.attributes`, o1);
      doc.arr(o1.scopeSpans ?? o1.instrumentationLibrarySpans ?? [], `${p1}.scopeSpans`, o1).forEach((ss, j) => {
        const p2 = `${p1}.scopeSpans[${j}]`;
        const o2 = doc.obj(ss, p2, o1);
        doc.arr(o2.spans ?? [], `${p2}.spans`, o2).forEach((sp, k) => {
          const path = `${p2}.spans[${k}]`;
          const s = doc.obj(sp, path, o2);
          const id = typeof s.traceId === 'string' && typeof s.spanId === 'string' && s.spanId !== '' ? `${s.traceId}/${s.spanId}` : null;
          if (id !== null && seen.has(id)) { duplicates++; return; }
          if (id !== null) seen.add(id);
          total++;
          const attrs = attributes(doc, s.attributes, `${path}.attributes`, s);
          if (![...attrs.keys()].some((key) => key.startsWith('gen_ai.usage.'))) return;
          if (SKIP_OPS.has(attrs.get('gen_ai.operation.name') ?? '')) { skipped++; return; }
          const start = doc.need(doc.time(s, 'startTimeUnixNano', path, { nanos: true }), s, `${path}.startTimeUnixNano`);
          const end = doc.time(s, 'endTimeUnixNano', path, { nanos: true }) ?? start;
          if (end < start) doc.fail(s, `${path}.endTimeUnixNano`, 'ends before startTimeUnixNano');
          spans.push({ id, node: s, path, start, end, attrs, resource });
        });
      });
    });
  });
  return { spans, skipped, total, duplicates };
}
