/**
 * LiteLLM proxy spend: spend-log rows (JSON array, NDJSON, one object, or
 * `{data:[…]}`), the global spend report and the daily activity answers. See
 * spend-logs.ts / spend-report.ts / daily-activity.ts.
 */
import { statSync } from 'node:fs';
import type { Connector } from '../connector.ts';
import { isObject, readJsonDoc, stageRows, type JsonDoc, type JsonObject } from '../row-stage/index.ts';
import { pricingWarnings } from '../token-pricing/index.ts';
import { spendLogRows } from './spend-logs.ts';
import { spendReportRows } from './spend-report.ts';
import { dailyActivityRows, isDailyActivity } from './daily-activity.ts';

const sniff = (head: string): 'logs' | 'report' | 'daily' | null => {
  if (isDailyActivity(head)) return 'daily';
  if (/"model_details"\s*:|"group_by_day"\s*:/.test(head)) return 'report';
  if (/"spend"\s*:/.test(head) && /"(prompt_tokens|total_tokens|api_key|model_group)"\s*:/.test(head)) return 'logs';
  return null;
};

function items(doc: JsonDoc): { node: JsonObject; path: string }[] {
  const root = doc.root;
  const list = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.data) ? root.data : [root];
  const prefix = Array.isArray(root) ? '$' : isObject(root) && Array.isArray(root.data) ? '$.data' : '';
  return list.map((n, i) => ({ node: doc.obj(n, prefix ? `${prefix}[${i}]` : '$'), path: prefix ? `${prefix}[${i}]` : '$' }));
}

export const liteLlmConnector: Connector = {
  id: 'litellm',
  label: 'LiteLLM spend logs / global spend report / daily activity (JSON)',
  detect: (probe) => (probe.container === 'json' && sniff(probe.head) ? 0.85 : 0),
  async stage(probe) {
    const doc = readJsonDoc(probe);
    const mtime = statSync(probe.path).mtime;
    const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const };
    const kind = sniff(probe.head);
    if (kind === 'daily') {
      const r = dailyActivityRows(doc);
      return { file: stageRows({ ...meta, format: 'litellm-spend-report' }, r.rows), notes: { ignoredColumns: [], warnings: [...r.warnings, ...pricingWarnings(r.prices)] } };
    }
    if (kind === 'report') {
      const r = spendReportRows(doc, items(doc), mtime);
      return { file: stageRows({ ...meta, format: 'litellm-spend-report' }, r.rows), notes: { ignoredColumns: [], warnings: [...r.warnings, ...pricingWarnings(r.prices)] } };
    }
    const r = spendLogRows(doc, items(doc), mtime);
    const warnings = r.undated ? [`${r.undated} row(s) without startTime: dated by the file's day`] : [];
    // Rows that all carry a request id are records the store counts once by id, so an
    // export of "the last 7 days" replaces only its own earlier version (same file name):
    // charge-day replacement would drop the requests of a first day it covers only in part.
    const replaceBy = r.rows.length > 0 && r.rows.every((x) => x.values.x_UsageId) ? 'file' as const : meta.replaceBy;
    return { file: stageRows({ ...meta, replaceBy, format: 'litellm-spend-logs' }, r.rows), notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(r.prices)] } };
  },
};
