/**
 * Google Cloud billing export (standard or detailed usage cost) as it leaves
 * BigQuery: JSON lines with nested records (`service {id, description}`,
 * `credits [{name, amount, type …}]`), Parquet with STRUCT/LIST columns, or
 * CSV with dotted (`service.description`) or underscored names. Every
 * spelling resolves through one accessor, `field(['service', 'description'])`:
 * a flat column of that path if the file has one, else the path read out of
 * the nested column as JSON.
 */
import type { FileProbe, ProbedColumn } from '../probe.ts';
import { Header } from '../bill-stage.ts';
import { q } from '../bill-sql.ts';

/** `service.description`, `Service Description` → `service_description`. */
export const gcpName = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** Top-level fields of the export schema (standard + detailed + FOCUS-era additions). */
export const GCP_TOP_LEVEL = ['billing_account_id', 'service', 'sku', 'usage_start_time', 'usage_end_time', 'project', 'labels', 'system_labels', 'location',
  'resource', 'tags', 'price', 'subscription', 'transaction_type', 'seller_name', 'export_time', 'cost', 'cost_at_list', 'cost_at_effective_price',
  'currency', 'currency_conversion_rate', 'usage', 'credits', 'invoice', 'cost_type', 'adjustment_info', 'consumption_model'] as const;

export const GCP_REQUIRED: readonly (readonly string[])[] = [['billing_account_id'], ['cost'], ['currency'], ['usage_start_time'], ['service', 'description']];

export class GcpHeader {
  readonly h: Header;

  /** `present`: for JSON, the fields the first record has (missing() checks those). */
  constructor(readonly columns: readonly ProbedColumn[], readonly json: boolean, private readonly present?: ReadonlySet<string>) {
    this.h = new Header(columns, gcpName);
  }

  /** The file's column holding a path, flat or nested: {col, rest of the path inside it}. */
  private locate(path: readonly string[]): { col: ProbedColumn; rest: string[] } | undefined {
    for (let i = path.length; i >= 1; i--) {
      const col = this.h.col(path.slice(0, i).join('_'));
      if (col) return { col, rest: path.slice(i) };
    }
    return undefined;
  }

  has(path: readonly string[]): boolean {
    return this.locate(path) !== undefined;
  }

  /** The written name of the column a path comes from (for error messages), dotted for nested reads. */
  fieldName(path: readonly string[]): string {
    const l = this.locate(path);
    if (!l) return path.join('.');
    return this.json ? `$.${path.join('.')}` : [l.col.name, ...l.rest].join('.');
  }

  /** Trimmed text of a path ('' → NULL), NULL when absent. */
  field(path: readonly string[]): string {
    const l = this.locate(path);
    if (!l) return 'NULL';
    const t = this.h.str(gcpName(l.col.name));
    if (l.rest.length === 0) return t;
    return `nullif(json_extract_string(CASE WHEN json_valid(${t}) THEN ${t} END, ${q(`$.${l.rest.join('.')}`)}), '')`;
  }

  missing(): string[] {
    const present = this.present;
    const has = present ? (p: readonly string[]) => present.has(p[0] ?? '') : (p: readonly string[]) => this.has(p);
    return GCP_REQUIRED.filter((p) => !has(p)).map((p) => (this.json ? `$.${p.join('.')}` : p.join('.')));
  }
}

/**
 * Keys of the first JSON record in the probe's head, or [] when it is not one.
 * The record may be one JSON line (`bq extract`), or the first element of a
 * JSON array, pretty-printed or on one line (`bq query --format=json`, the
 * BigQuery console's JSON download): its braces are matched, strings skipped.
 */
function firstRecordKeys(head: string): string[] {
  const start = /^\s*\[?\s*\{/.exec(head);
  if (!start) return [];
  let depth = 0;
  let inString = false;
  for (let i = start[0].length - 1; i < head.length; i++) {
    const ch = head[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && --depth === 0) {
      try {
        const o = JSON.parse(head.slice(start[0].length - 1, i + 1)) as unknown;
        return o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : [];
      } catch {
        return [];
      }
    }
  }
  return [];
}

/**
 * For JSON: the raw stage (one VARCHAR column per top-level field, nested
 * values as JSON text, __line = record number = line for JSON lines) and the
 * columns the first record has.
 */
export function jsonStage(probe: FileProbe): { stage: string; columns: ProbedColumn[]; present: Set<string> } {
  const present = new Set(firstRecordKeys(probe.head).map(gcpName));
  const columns = GCP_TOP_LEVEL.map((name, i) => ({ name, raw: `c${i}`, type: 'VARCHAR' }));
  const cells = columns.map((c) => `nullif(json_extract_string(json, ${q(`$.${c.name}`)}), '') AS ${c.raw}`).join(', ');
  const stage = `SELECT row_number() OVER () AS __line, ${cells} FROM read_json_objects(${q(probe.path)}, format = 'auto', maximum_object_size = 67108864)`;
  return { stage, columns, present };
}

/** Detection: the export's own field set, in any container. */
export function gcpScore(probe: FileProbe): number {
  const names = probe.container === 'json' ? new Set(firstRecordKeys(probe.head).map(gcpName)) : new Set(probe.columns.map((c) => gcpName(c.name)));
  const has = (n: string): boolean => names.has(n) || [...names].some((x) => x.startsWith(`${n}_`));
  if (!has('billing_account_id') || !has('sku') || !has('service')) return 0;
  const core = ['cost', 'currency', 'usage_start_time', 'project', 'credits', 'invoice'].filter(has).length;
  return 0.6 + 0.05 * core;
}
