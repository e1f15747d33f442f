/**
 * AWS Cost and Usage Report headers. Three spellings reach us:
 * - legacy CUR CSV: `category/Name` (`lineItem/UnblendedCost`,
 *   `resourceTags/user:team`);
 * - the Athena-style names of legacy CUR delivered as Parquet
 *   (`line_item_unblended_cost`, flat `resource_tags_user_team` columns);
 * - CUR 2.0 (Data Exports), Parquet or CSV: the same snake_case names with one
 *   `resource_tags` map column (JSON text in CSV, or Hive's
 *   `{k=v, k=v}` text, turned into JSON by hive-map.ts).
 * All are normalised to the snake_case form (AWS's own Athena rule: a `_`
 * before every capital, `/` and `:` to `_`), so one mapping serves all three.
 */
import type { ProbedColumn } from '../probe.ts';
import { Header } from '../bill-stage.ts';

/** `lineItem/UnblendedCost` → `line_item_unblended_cost`; `reservation/ReservationARN` → `reservation_reservation_a_r_n`. */
export function curName(name: string): string {
  return name
    .trim()
    .replace(/([A-Z])/g, '_$1')
    .toLowerCase()
    .replace(/[/:\s.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Columns without which a CUR cannot be turned into FOCUS rows. */
export const CUR_REQUIRED = [
  'bill_payer_account_id',
  'bill_billing_period_start_date',
  'line_item_line_item_type',
  'line_item_unblended_cost',
  'line_item_currency_code',
] as const;

/** One resource tag column of a legacy CUR (CSV `resourceTags/user:team`, Parquet `resource_tags_user_team`). */
export interface TagColumn {
  readonly key: string;
  readonly col: ProbedColumn;
}

export interface CurHeader {
  readonly h: Header;
  readonly flavour: 'legacy-csv' | 'athena' | 'cur2';
  /** CUR 2.0 `resource_tags` map (JSON text in the stage). */
  readonly tagMap: ProbedColumn | undefined;
  readonly tagColumns: readonly TagColumn[];
  /** Required columns missing, as the file would spell them. */
  readonly missing: readonly string[];
}

/** The tag key as AWS's own FOCUS export writes it: `user:` dropped, `aws:` kept. */
function tagKey(written: string, slash: boolean): string {
  if (slash) {
    const k = written.slice(written.indexOf('/') + 1);
    return k.startsWith('user:') ? k.slice(5) : k;
  }
  const rest = written.replace(/^resource_tags_/i, '');
  if (rest.startsWith('user_')) return rest.slice(5);
  if (rest.startsWith('aws_')) return `aws:${rest.slice(4)}`;
  return rest;
}

export function mapCurHeader(columns: readonly ProbedColumn[]): CurHeader {
  const h = new Header(columns, curName);
  const slash = columns.some((c) => c.name.includes('/'));
  const tagColumns: TagColumn[] = [];
  let tagMap: ProbedColumn | undefined;
  for (const c of columns) {
    if (slash ? c.name.startsWith('resourceTags/') : /^resource_tags_./i.test(c.name)) tagColumns.push({ key: tagKey(c.name, slash), col: c });
    else if (c.name.toLowerCase() === 'resource_tags') tagMap = c;
  }
  // CUR 2.0's newer `tags` map holds the resource tags too; an export may select it instead.
  tagMap ??= slash ? undefined : columns.find((c) => c.name.toLowerCase() === 'tags');
  const flavour = slash ? 'legacy-csv' : tagMap || h.has('bill_payer_account_name') ? 'cur2' : 'athena';
  const spell = (k: string): string => (slash ? legacySpelling(k) : k);
  const missing = CUR_REQUIRED.filter((k) => !h.has(k)).map(spell);
  if (!h.has('line_item_usage_start_date') && !h.has('identity_time_interval')) missing.push(spell('line_item_usage_start_date'));
  return { h, flavour, tagMap, tagColumns, missing };
}

/** `line_item_unblended_cost` → `lineItem/UnblendedCost`, for messages about a legacy CSV. */
function legacySpelling(key: string): string {
  const cats: Record<string, string> = { line_item: 'lineItem', bill: 'bill', identity: 'identity', pricing: 'pricing', product: 'product' };
  for (const [snake, camel] of Object.entries(cats)) {
    if (key.startsWith(`${snake}_`)) {
      const rest = key.slice(snake.length + 1).split('_').map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
      return `${camel}/${rest}`;
    }
  }
  return key;
}

/**
 * Detection score. CUR files are recognised by their column families, not by
 * one exact column, so a CUR with a renamed or missing column is still
 * recognised (and then refused with the missing column named).
 */
export function curScore(columns: readonly ProbedColumn[]): number {
  const names = columns.map((c) => curName(c.name));
  const lineItem = names.filter((n) => n.startsWith('line_item_')).length;
  const bill = names.filter((n) => n.startsWith('bill_')).length;
  if (lineItem < 3 || bill < 1) return 0;
  const core = ['line_item_unblended_cost', 'line_item_line_item_type', 'bill_payer_account_id', 'identity_line_item_id'];
  return 0.7 + 0.25 * (core.filter((k) => names.includes(k)).length / core.length);
}
