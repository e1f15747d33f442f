/**
 * LiteLLM `/global/spend/report`: by API key (`[{api_key, total_cost,
 * model_details:[{model, total_cost, total_input_tokens, total_output_tokens}]}]`)
 * or by day (`[{group_by_day, teams:[{team_name, total_spend, metadata:[{model, spend, total_tokens}]}]}]`).
 * One row per model detail; costs are LiteLLM's, kept as their literals. The
 * by-key shape carries no date, so the file's day is used and the report says so.
 */
import type { BuiltRow, JsonDoc, JsonObject } from '../row-stage/index.ts';
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
        doc.arr(team.metadata ?? [], `${path}.teams[${i}].metadata`, team).forEach((m, j) => {
          const p = `${path}.teams[${i}].metadata[${j}]`;
          const d = doc.obj(m, p, team);
          push(d, day, doc.str(d, 'model', p), { tokens: { textIn: 0n, textOut: 0n }, providerCost: doc.dec(d, 'spend', p), tags: { team: doc.str(team, 'team_name', `${path}.teams[${i}]`) } });
        });
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
    const total = doc.dec(node, 'total_cost', path);
    const sum = details.reduce((a, m) => a + Number(doc.dec(doc.obj(m, path), 'total_cost', path) ?? 0), 0);
    if (total !== null && Math.abs(Number(total) - sum) > 1e-9 * Math.max(1, Math.abs(sum))) warnings.push(`${path}: total_cost ${total} differs from its model_details (${sum})`);
  }
  if (items.some((i) => i.node.group_by_day === undefined)) warnings.push(`spend report by key carries no dates: rows dated ${fileDay.toISOString().slice(0, 10)} (the file's day)`);
  return { rows, prices, warnings };
}
