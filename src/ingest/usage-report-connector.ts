/**
 * A connector for an LLM provider's usage and cost reports (OpenAI,
 * Anthropic): saved API answers (JSON) and the console's CSV exports of the
 * same. A file is one kind, usage or cost, worked out once from the JSON's
 * head or the CSV header: it both detects the file and picks its reader.
 */
import type { Connector } from './connector.ts';
import type { FileProbe } from './probe.ts';
import { readJsonDoc, readProbeText, stageRows, type BuiltRow, type JsonDoc } from './row-stage/index.ts';
import { pricingWarnings, type PriceResult } from './token-pricing/index.ts';

export type ReportKind = 'usage' | 'cost';

export interface UsageReportFormat<B> {
  readonly id: string;
  readonly label: string;
  /** Stored format names of the two kinds. */
  readonly formats: Readonly<Record<ReportKind, string>>;
  /** The kind of a saved API answer from the head of its text; null: not one. */
  sniff(head: string): ReportKind | null;
  /** The kind of a CSV export from its header; null: not one. */
  exportKind(columns: readonly string[]): ReportKind | null;
  /** A CSV export as the buckets the API sends. */
  readExport(text: string, file: string, kind: ReportKind): { doc: JsonDoc; buckets: readonly B[] };
  /** A saved API answer's buckets. */
  readAnswer(doc: JsonDoc): { buckets: readonly B[]; warnings: readonly string[] };
  costRows(doc: JsonDoc, buckets: readonly B[]): BuiltRow[];
  usageRows(doc: JsonDoc, buckets: readonly B[]): { rows: BuiltRow[]; prices: PriceResult[] };
}

const DAY_MS = 86_400_000;

/**
 * A report restates whole UTC days (replaceBy 'charge-day'), so one whose
 * first day starts after midnight (OpenAI's first daily bucket runs from the
 * start_time asked for) replaces that whole day with its later hours: say so.
 */
function partialFirstDay(rows: readonly BuiltRow[]): string[] {
  const first = rows.reduce((m, r) => {
    const v = r.values.ChargePeriodStart;
    return v instanceof Date && v.getTime() < m ? v.getTime() : m;
  }, Infinity);
  if (!Number.isFinite(first) || first % DAY_MS === 0) return [];
  const at = new Date(first).toISOString();
  return [`its first day, ${at.slice(0, 10)}, starts at ${at.slice(11, 16)} UTC: loading it replaces any earlier rows of that whole day from this feed with these later hours only (pull from midnight UTC, as outlay collect does)`];
}

export function usageReportConnector<B>(f: UsageReportFormat<B>): Connector {
  // Parquet has no head, so sniffing it finds nothing.
  const kindOf = (probe: FileProbe): ReportKind | null => (probe.container === 'csv' ? f.exportKind(probe.columns.map((c) => c.name)) : f.sniff(probe.head));
  const read = (probe: FileProbe, kind: ReportKind): { doc: JsonDoc; buckets: readonly B[]; warnings: readonly string[] } => {
    if (probe.container === 'csv') return { ...f.readExport(readProbeText(probe), probe.path, kind), warnings: [] };
    const doc = readJsonDoc(probe);
    return { doc, ...f.readAnswer(doc) };
  };
  return {
    id: f.id,
    label: f.label,
    detect: (probe) => (kindOf(probe) ? 0.95 : 0),
    async stage(probe) {
      // A file given this format by name that is neither kind reads as usage.
      const kind = kindOf(probe) ?? 'usage';
      const { doc, buckets, warnings } = read(probe, kind);
      const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const, format: f.formats[kind] };
      if (kind === 'cost') {
        const rows = f.costRows(doc, buckets);
        return { file: stageRows(meta, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...partialFirstDay(rows)] } };
      }
      const { rows, prices } = f.usageRows(doc, buckets);
      return { file: stageRows(meta, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...partialFirstDay(rows), ...pricingWarnings(prices)] } };
    },
  };
}
