/**
 * Oracle Cloud (OCI) cost reports, the CSV files OCI writes to its usage-report
 * bucket (`reports/cost-csv/…`) before and beside its FOCUS reports: slash
 * names grouped by family (`lineItem/intervalUsageStart`, `cost/myCost`,
 * `product/service`) and one `tags/<namespace>.<key>` column per defined or
 * free-form tag. Names match case-insensitively ignoring punctuation.
 */
import type { ProbedColumn } from '../probe.ts';
import { Header } from '../bill-stage.ts';

/** `cost/myCost` → `costmycost`. */
export const ociName = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]/g, '');

/** Mandatory columns, by normalised name, with the spelling OCI uses. */
const REQUIRED: readonly (readonly [string, string])[] = [
  ['lineitemtenantid', 'lineItem/tenantId'],
  ['lineitemintervalusagestart', 'lineItem/intervalUsageStart'],
  ['costmycost', 'cost/myCost'],
  ['costcurrencycode', 'cost/currencyCode'],
];

export interface OciHeader {
  readonly h: Header;
  readonly missing: readonly string[];
  /** `tags/…` columns: the tag key (what follows `tags/`) and the stage column. */
  readonly tags: readonly { readonly key: string; readonly column: ProbedColumn }[];
}

export function mapOciHeader(columns: readonly ProbedColumn[]): OciHeader {
  const h = new Header(columns, ociName);
  const missing = REQUIRED.filter(([k]) => !h.has(k)).map(([, name]) => name);
  const tags = columns
    .filter((c) => /^tags\//i.test(c.name.trim()) && c.name.trim().length > 5)
    .map((c) => ({ key: c.name.trim().slice(5), column: c }));
  return { h, missing, tags };
}

/**
 * Detection: OCI's own column families (`lineItem/referenceNo`,
 * `lineItem/tenantId`, `cost/myCost`, `product/compartmentId` …). Three of them
 * identify the report even when a mandatory column is missing, so the refusal
 * can name it; AWS's CUR shares only the `lineItem/` prefix, not these names.
 */
export function ociScore(columns: readonly ProbedColumn[]): number {
  const names = new Set(columns.map((c) => ociName(c.name)));
  const marks = ['lineitemreferenceno', 'lineitemtenantid', 'lineitemintervalusagestart', 'costmycost', 'costcurrencycode',
    'productcompartmentid', 'usagebilledquantity', 'costproductsku'].filter((n) => names.has(n)).length;
  return marks >= 3 ? 0.6 + 0.04 * marks : 0;
}
