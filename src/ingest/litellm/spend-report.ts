/**
 * LiteLLM `/global/spend/report`: by API key (`[{api_key, total_cost,
 * model_details:[{model, total_cost, total_input_tokens, total_output_tokens}]}]`)
 * or by day (`[{group_by_day, teams:[{team_name, total_spend, metadata:[{model, spend, total_tokens}]}]}]`).
 * One row per model detail; costs are LiteLLM's, kept as their literals. The
 * by-key shape carries no date, so the file's day is used and the report says so.
 */
import { addDecimals, negateDecimal } from '../../core/index.ts';
import type { BuiltRow, Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import type { PriceResult } from '../token-pricing/index.ts';
import { dayRows } from './model.ts';

const DAY = 86_400_000;

export function spendReportRows(doc: JsonDoc, items: readonly { node: JsonObject; path: string }[], fallback: Date): { rows: BuiltRow[]; prices: PriceResult[]; warnings: string[] } {
  const { rows, prices, push } = dayRows(doc);
  const warnings: string[] = [];
  const fileDay = new Date(Math.floor(fallback.getTime() / DAY) * DAY);
  for (const { node, path } of items) {
    if (node.group_by_day !== undefined) {
      const day = doc.need(doc.time(node, 'group_by_day', path), node, `${path}.group_by_day`);
      doc.arr(node.teams, `${path}.teams`, node).forEach((t, i) => {
        const team = doc.obj(t, `${path}.teams[${i}]`, node);
        const tags = { team: doc.str(team, 'team_name', `${path}.teams[${i}]`) };
        const spends = doc.arr(team.metadata ?? [], `${path}.teams[${i}].metadata`, team).map((m, j) => {
          const p = `${path}.teams[${i}].metadata[${j}]`;
          const d = doc.obj(m, p, team);
          const spend = doc.dec(d, 'spend', p);
          push(d, day, doc.str(d, 'model', p), { tokens: { textIn: 0n, textOut: 0n }, providerCost: spend, tags });
          return spend;
        });
        const rest = unaccounted(doc.dec(team, 'total_spend', `${path}.teams[${i}]`), spends);
        if (rest !== null) push(team, day, null, { tokens: { textIn: 0n, textOut: 0n }, providerCost: rest, tags });
      });
      continue;
    }
    const details = doc.arr(node.model_details ?? [], `${path}.model_details`, node);
    details.forEach((m, j) => {
      const p = `${path}.model_details[${j}]`;
      const d = doc.obj(m, p, node);
      push(d, fileDay, doc.str(d, 'model', p), { providerCost: doc.dec(d, 'total_cost', p),
        tokens: { textIn: doc.int(d, 'total_input_tokens', p) ?? 0n, textOut: doc.int(d, 'total_output_tokens', p) ?? 0n }, apiKeyId: doc.str(node, 'api_key', path) });
    });
    const rest = keyRest(doc, node, path, details);
    if (rest) {
      push(node, fileDay, null, { ...rest, apiKeyId: doc.str(node, 'api_key', path) });
      warnings.push(`${path}: total_cost ${doc.dec(node, 'total_cost', path) ?? ''} is not all in its model_details; the rest (${rest.providerCost}) is a row without a model`);
    }
  }
  if (items.some((i) => i.node.group_by_day === undefined)) warnings.push(`spend report by key carries no dates: rows dated ${fileDay.toISOString().slice(0, 10)} (the file's day)`);
  return { rows, prices, warnings };
}

/**
 * total − Σ parts, exactly, when the parts do not account for the total (none
 * saved, or a partial list), so spend is kept whole as the daily activity's
 * rest is; null when they do. LiteLLM sums floats, so a difference within
 * 1e-9 of the total is its rounding, not spend (the docs' example: 1e-20).
 */
function unaccounted(total: string | null, parts: readonly (string | null)[]): string | null {
  if (total === null) return null;
  const rest = addDecimals([total, ...parts.map((p) => negateDecimal(p ?? '0'))]);
  return Math.abs(Number(rest)) > 1e-9 * Math.max(1, Math.abs(Number(total))) ? rest : null;
}

/** A key's cost and tokens beyond its model_details; null when they add up. */
function keyRest(doc: JsonDoc, node: JsonObject, path: string, details: readonly Json[]): { providerCost: string; tokens: { textIn: bigint; textOut: bigint } } | null {
  const parts = details.map((m) => doc.obj(m, path, node));
  const tokens = (k: string): bigint => {
    const n = parts.reduce((a, d) => a - (doc.int(d, k, path) ?? 0n), doc.int(node, k, path) ?? 0n);
    return n > 0n ? n : 0n;
  };
  const cost = unaccounted(doc.dec(node, 'total_cost', path), parts.map((d) => doc.dec(d, 'total_cost', path)));
  const rest = { textIn: tokens('total_input_tokens'), textOut: tokens('total_output_tokens') };
  return cost !== null || rest.textIn > 0n || rest.textOut > 0n ? { providerCost: cost ?? '0', tokens: rest } : null;
}
