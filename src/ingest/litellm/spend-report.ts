/**
 * LiteLLM `/global/spend/report`: by API key (`[{api_key, total_cost,
 * model_details:[{model, total_cost, total_input_tokens, total_output_tokens}]}]`)
 * or by day (`[{group_by_day, teams:[{team_name, total_spend, metadata:[{model, spend, total_tokens}]}]}]`).
 * One row per model detail; costs are LiteLLM's, kept as their literals. The
 * by-key shape carries no date, so the file's day is used and the report says so.
 */
import type { BuiltRow, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { llmUsageValues, type PriceResult } from '../token-pricing/index.ts';
import { providerName, providerOf } from './spend-logs.ts';

const DAY = 86_400_000;

export function spendReportRows(doc: JsonDoc, items: readonly { node: JsonObject; path: string }[], fallback: Date): { rows: BuiltRow[]; prices: PriceResult[]; warnings: string[] } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  const warnings: string[] = [];
  const fileDay = new Date(Math.floor(fallback.getTime() / DAY) * DAY);
  const push = (o: { node: JsonObject; path: string; model: string | null; day: Date; cost: string | null; input: bigint; output: bigint; key?: string | null; team?: string | null }) => {
    const provider = providerOf(o.model, null, null);
    const bare = o.model?.includes('/') ? o.model.slice(o.model.indexOf('/') + 1) : o.model;
    const { values, price } = llmUsageValues({
      provider: providerName(provider), catalogueProvider: provider, serviceName: 'LLM API via LiteLLM', start: o.day, end: new Date(o.day.getTime() + DAY),
      accountId: `litellm:${provider}`, model: bare, apiKeyId: o.key ?? null, tokens: { textIn: o.input, textOut: o.output },
      providerCost: o.cost, tags: { team: o.team ?? null },
    });
    rows.push({ line: doc.line(o.node), values });
    prices.push(price);
  };
  for (const { node, path } of items) {
    if (node.group_by_day !== undefined) {
      const day = doc.need(doc.time(node, 'group_by_day', path), node, `${path}.group_by_day`);
      doc.arr(node.teams, `${path}.teams`, node).forEach((t, i) => {
        const team = doc.obj(t, `${path}.teams[${i}]`, node);
        doc.arr(team.metadata ?? [], `${path}.teams[${i}].metadata`, team).forEach((m, j) => {
          const p = `${path}.teams[${i}].metadata[${j}]`;
          const d = doc.obj(m, p, team);
          push({ node: d, path: p, model: doc.str(d, 'model', p), day, cost: doc.dec(d, 'spend', p), input: 0n, output: 0n, team: doc.str(team, 'team_name', `${path}.teams[${i}]`) });
        });
      });
      continue;
    }
    const details = doc.arr(node.model_details ?? [], `${path}.model_details`, node);
    details.forEach((m, j) => {
      const p = `${path}.model_details[${j}]`;
      const d = doc.obj(m, p, node);
      push({ node: d, path: p, model: doc.str(d, 'model', p), day: fileDay, cost: doc.dec(d, 'total_cost', p),
        input: doc.int(d, 'total_input_tokens', p) ?? 0n, output: doc.int(d, 'total_output_tokens', p) ?? 0n, key: doc.str(node, 'api_key', path) });
    });
    const total = doc.dec(node, 'total_cost', path);
    const sum = details.reduce((a, m) => a + Number(doc.dec(doc.obj(m, path), 'total_cost', path) ?? 0), 0);
    if (total !== null && Math.abs(Number(total) - sum) > 1e-9 * Math.max(1, Math.abs(sum))) warnings.push(`${path}: total_cost ${total} differs from its model_details (${sum})`);
  }
  if (items.some((i) => i.node.group_by_day === undefined)) warnings.push(`spend report by key carries no dates: rows dated ${fileDay.toISOString().slice(0, 10)} (the file's day)`);
  return { rows, prices, warnings };
}
