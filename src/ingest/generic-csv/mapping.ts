/**
 * The mapping file of a generic CSV feed (JSON, validated with zod):
 *
 *   {
 *     "columns":   { "BilledCost": "amount_usd", "ChargePeriodStart": "day", "ResourceId": "host" },
 *     "constants": { "ProviderName": "Internal GPU cluster", "BillingCurrency": "USD" },
 *     "tags":      { "team": "owner_team", "project": "project" },
 *     "period":    "day"
 *   }
 *
 * Keys of `columns` and `constants` are CostRecord columns (FOCUS names,
 * aliases or x_ columns); values of `columns` and `tags` are CSV header names.
 * Defaults: EffectiveCost = BilledCost, ChargeCategory 'Usage', ChargePeriodEnd =
 * start + `period` (day, hour or month; default day), BillingCurrency 'USD'.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DERIVED_COLUMNS, OutlayError, resolveColumn } from '../../core/index.ts';

const Mapping = z.object({
  columns: z.record(z.string(), z.string().min(1)).default({}),
  constants: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  tags: z.record(z.string(), z.string().min(1)).default({}),
  period: z.enum(['hour', 'day', 'month']).default('day'),
  provider: z.string().optional(),
}).strict();

export interface FeedMapping {
  /** CostRecord column → CSV header. */
  readonly columns: ReadonlyMap<string, string>;
  readonly constants: ReadonlyMap<string, string>;
  /** Tag key → CSV header. */
  readonly tags: ReadonlyMap<string, string>;
  readonly period: 'hour' | 'day' | 'month';
}

function canonical(key: string, file: string, where: string): string {
  const spec = resolveColumn(key);
  if (!spec || DERIVED_COLUMNS.has(spec.name)) {
    throw new OutlayError('CONFIG_INVALID', `${file}: ${where}.${key}: not a CostRecord column Outlay accepts from a feed (FOCUS name or x_ column; team/project are derived from tags)`, { file, field: `${where}.${key}` });
  }
  return spec.name;
}

export function readMapping(file: string): FeedMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new OutlayError('CONFIG_INVALID', `${file}: mapping file is not readable JSON (${(e as Error).message})`, { file, field: '(json)' }, { cause: e });
  }
  const parsed = Mapping.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new OutlayError('CONFIG_INVALID', `${file}: mapping ${path || '(root)'}: ${issue?.message ?? 'invalid'}`, { file, field: path });
  }
  const m = parsed.data;
  const columns = new Map(Object.entries(m.columns).map(([k, v]) => [canonical(k, file, 'columns'), v]));
  const constants = new Map(Object.entries(m.constants).map(([k, v]) => [canonical(k, file, 'constants'), String(v)]));
  if (m.provider && !constants.has('ProviderName')) constants.set('ProviderName', m.provider);
  for (const k of columns.keys()) if (constants.has(k)) throw new OutlayError('CONFIG_INVALID', `${file}: ${k} is both a column and a constant`, { file, field: k });
  if (!columns.has('ChargePeriodStart')) throw new OutlayError('CONFIG_INVALID', `${file}: columns.ChargePeriodStart is required (the CSV column with the charge date)`, { file, field: 'columns.ChargePeriodStart' });
  if (!columns.has('BilledCost') && !constants.has('BilledCost')) throw new OutlayError('CONFIG_INVALID', `${file}: columns.BilledCost is required (the CSV column with the amount)`, { file, field: 'columns.BilledCost' });
  if (!columns.has('ProviderName') && !constants.has('ProviderName')) throw new OutlayError('CONFIG_INVALID', `${file}: give ProviderName as a column or constant (who charges: e.g. "Internal GPU cluster")`, { file, field: 'constants.ProviderName' });
  return { columns, constants, tags: new Map(Object.entries(m.tags)), period: m.period };
}
