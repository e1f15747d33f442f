/**
 * `<out>/ground-truth.json`: what the demo planted and what its files add up
 * to, so detectors, recommenders and allocation rules can be judged.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addDecimals } from '../core/index.ts';
import { multiplyDecimals } from '../pricing/index.ts';
import { Accounting } from './accounting.ts';
import type { PlannedAnomaly } from './anomalies.ts';
import type { DemoDay } from './calendar.ts';
import { formatUnits } from './money-units.ts';
import { TEAMS } from './org.ts';
import { ONPREM_ASSUMPTIONS } from './providers.ts';
import type { RateBook } from './rates.ts';
import type { DemoResource } from './resource.ts';
import type { OutputFile } from './sink.ts';
import type { DcgmExport } from './native.ts';
import type { WasteTracker } from './waste.ts';
import type { ResolvedOptions } from './options.ts';

export const GENERATED_WITH = 'outlay demo generator 2 (src/demo: providers\' native export formats or FOCUS 1.2 CSV)';

export interface GroundTruthInput {
  readonly fleet: readonly DemoResource[];
  readonly anomalies: readonly PlannedAnomaly[];
  readonly days: readonly DemoDay[];
  readonly rates: RateBook;
  readonly waste: WasteTracker;
  readonly acct: Accounting;
  readonly files: readonly OutputFile[];
  readonly dcgm: DcgmExport | null;
}

function anomalyJson(a: PlannedAnomaly, g: GroundTruthInput): Record<string, unknown> {
  const x = g.acct.extras.get(a.id);
  const start = g.days[a.startDay];
  const end = g.days[a.endDay - 1];
  return {
    id: a.id, kind: a.kind, metric: a.metric, scope: a.scope, team: a.team,
    start: start?.iso, end: end?.nextIso,
    size: {
      extra_cost_usd: x?.cost.value() ?? '0', cost_column: 'EffectiveCost', multiplier: a.multiplier,
      ...(a.kind === 'drift' ? { multiplier_note: 'ramps linearly from 1 to multiplier over the window' } : {}),
      ...(x && x.gpuHours !== 0 ? { extra_gpu_hours: formatUnits(x.gpuHours, 4) } : {}),
      ...(x && x.tokens !== 0 ? { extra_tokens: x.tokens } : {}),
    },
    resources_affected: a.members.size,
  };
}

/**
 * OpenAI projects and Anthropic workspaces with their true owner: the usage
 * APIs carry no tags, so in native mode their spend is unallocated until an
 * allocation rule maps these ids to teams.
 */
function usageApiAccounts(fleet: readonly DemoResource[]): Record<string, Record<string, { name: string; team: string; project: string }>> {
  const out: Record<string, Record<string, { name: string; team: string; project: string }>> = { openai: {}, anthropic: {} };
  for (const r of fleet) {
    const byId = out[r.provider];
    if (r.kind === 'llm' && byId) byId[r.subAccountId] = { name: r.subAccountName, team: r.owner.team, project: r.owner.project };
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))]));
}

function organisation(g: GroundTruthInput): Record<string, unknown> {
  const od = g.rates.onprem;
  return {
    teams: TEAMS.map((t) => ({ name: t.name, cost_center: t.costCenter, projects: t.projects, tag_typo: t.typo })),
    tag_modes: {
      clean: '{"team": "<team>", "project", "env", "cost-center"}',
      untagged: 'no tags at all', wrong_case: 'team value capitalised ("Research")', whitespace: 'team value padded (" search ")',
      alias_team_key: 'key "Team" instead of "team"', alias_owner_key: 'key "owner" instead of "team"', typo: 'misspelt team (see tag_typo)',
    },
    onprem: {
      assumptions: ONPREM_ASSUMPTIONS, tdp_watts: od.tdpWatts, tdp_source: od.tdpSource, cost_per_gpu_hour: od.costPerGpuHour,
      rate_used_per_gpu_hour: g.rates.onpremRate, breakdown: { capex: od.capexPerGpuHour, power: od.powerPerGpuHour, hosting: od.hostingPerGpuHour, idle_share: od.idleShare },
    },
    resources: Object.fromEntries(['gpu', 'onprem', 'service', 'llm'].map((k) => [k, g.fleet.filter((r) => r.kind === k).length])),
    usage_api_accounts: usageApiAccounts(g.fleet),
    conventions: [
      'Money is USD at up to 10 decimals; ListCost = on-demand list price × quantity.',
      'Spot rows: PricingCategory Dynamic. Committed rows: BilledCost 0 and EffectiveCost = commitment rate × hours; the month\'s Purchase row bills the fee (EffectiveCost 0).',
      'Credit and Tax rows and commitment purchases have no owner: they are counted under totals.teams._shared.',
      'totals.teams is by true owner (what tags were meant to say), whatever the tags actually say.',
    ],
  };
}

function totals(g: GroundTruthInput): Record<string, unknown> {
  const files = [...g.files].sort((a, b) => a.relPath.localeCompare(b.relPath));
  const per = Object.fromEntries(files.map((f) => [f.relPath, f.totals()]));
  const all = (k: 'BilledCost' | 'EffectiveCost' | 'ListCost'): string => multiplyDecimals(addDecimals(['0', ...Object.values(per).map((t) => t.cost.USD[k])]), 1);
  return {
    rows: files.reduce((n, f) => n + f.rows, 0),
    all: { USD: { BilledCost: all('BilledCost'), EffectiveCost: all('EffectiveCost'), ListCost: all('ListCost') } },
    files: per,
    teams: Accounting.view(g.acct.byTeam),
    tag_quality: Accounting.view(g.acct.byTagMode),
  };
}

/** What `outlay demo` loads from Prometheus (not a file): the DCGM samples it served. */
function telemetry(g: GroundTruthInput): Record<string, unknown> {
  const d = g.dcgm;
  if (!d) return {};
  return {
    prometheus_dcgm: {
      start: d.start.toISOString(), end: d.end.toISOString(), step_seconds: d.stepSec, metrics: ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_FB_USED'],
      gpu_hours: String(d.points * (d.stepSec / 3600)), billed_cost: '0',
      note: 'one sample per on-prem GPU per running hour (the chargeback rows\' node-hours rounded to whole hours, from the first hour of the day); '
        + 'the bill for these GPUs is the on-prem chargeback, so the telemetry rows are allocations (BilledCost 0)',
    },
  };
}

/** Writes ground-truth.json (stable key order, so the same run gives the same bytes). */
export async function writeGroundTruth(o: ResolvedOptions, g: GroundTruthInput): Promise<string> {
  const path = join(o.out, 'ground-truth.json');
  const doc = {
    seed: o.seed,
    options: { resources: o.resources, days: o.days, granularity: o.granularity, formats: o.formats, start: g.days[0]?.iso, end: `${o.end.toISOString().slice(0, 19)}Z` },
    generated_with: GENERATED_WITH,
    organisation: organisation(g),
    anomalies: g.anomalies.map((a) => anomalyJson(a, g)),
    waste: g.waste.items(),
    totals: totals(g),
    telemetry: telemetry(g),
  };
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}
