/**
 * OpenAI Costs API results → CostRecord rows: the provider's own amounts
 * (`amount.value` in major units as a JSON number, kept as its literal;
 * currency lowercase "usd" → "USD"). They are invoice rows
 * (x_PricingStatus = 'invoice'); `outlay drift` compares them with the
 * priced Usage API rows of the same provider, model and day.
 */
import type { BuiltRow, JsonDoc } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import type { Bucket } from './page.ts';

/** "gpt-4o-2024-08-06, input" → model "gpt-4o-2024-08-06". */
export function modelOfLineItem(lineItem: string | null): string | null {
  if (!lineItem) return null;
  const head = lineItem.split(',')[0]?.trim() ?? '';
  return /^(gpt|o\d|chatgpt|text-|dall-e|whisper|tts|davinci|babbage|omni|computer-use|codex|ft:)/i.test(head) ? head : null;
}

export function costRows(doc: JsonDoc, buckets: readonly Bucket[]): BuiltRow[] {
  const rows: BuiltRow[] = [];
  for (const b of buckets) {
    for (const { node: r, path } of b.results) {
      const amount = doc.obj(r.amount, `${path}.amount`, r);
      const value = doc.need(doc.dec(amount, 'value', `${path}.amount`), amount, `${path}.amount.value`);
      const currency = doc.need(doc.str(amount, 'currency', `${path}.amount`), amount, `${path}.amount.currency`).toUpperCase();
      const lineItem = doc.str(r, 'line_item', path);
      const model = modelOfLineItem(lineItem);
      const org = doc.str(r, 'organization_id', path);
      rows.push({ line: doc.line(r), values: {
        ChargePeriodStart: b.start, ChargePeriodEnd: b.end, ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based',
        ProviderName: 'OpenAI', PublisherName: 'OpenAI', InvoiceIssuerName: 'OpenAI',
        BillingAccountId: `${org ?? 'openai'}:costs`, SubAccountId: doc.str(r, 'project_id', path),
        ServiceName: 'OpenAI API', ServiceCategory: 'AI and Machine Learning', ServiceSubcategory: 'Generative AI',
        ChargeDescription: lineItem ?? 'OpenAI organization costs', SkuId: lineItem, ResourceId: model, x_Model: model,
        BillingCurrency: currency, BilledCost: value, EffectiveCost: value,
        ConsumedQuantity: doc.dec(r, 'quantity', path), ConsumedUnit: doc.str(r, 'quantity_unit', path),
        x_ApiKeyId: doc.str(r, 'api_key_id', path), x_PricingStatus: 'invoice', x_PricingNote: 'provider-stated cost (Costs API)',
        Tags: tagsJson({ project_id: doc.str(r, 'project_id', path), line_item: lineItem }),
      } });
    }
  }
  return rows;
}
