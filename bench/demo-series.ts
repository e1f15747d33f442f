/**
 * Daily cost per team from the demo organisation, for the benchmarks: the
 * demo writes FOCUS CSV and a ground truth of planted anomalies; we sum
 * EffectiveCost per ChargePeriodStart day and per team tag (normalising the
 * demo's deliberately messy tags) and return each team's planted anomaly
 * windows. Returns undefined when the demo generator is not in this checkout.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Series } from '../src/analytics/forecast/index.ts';
import { csvCells } from '../src/cli/commands/series-csv.ts';

export interface TeamSeries {
  team: string;
  series: Series;
  /** Planted anomaly windows on this team, [start, end) UTC. */
  labels: Array<{ start: Date; end: Date; kind: string; id: string }>;
}

interface GroundTruth {
  organisation: { teams: Array<{ name: string; tag_typo?: string }> };
  anomalies: Array<{ id: string; kind: string; team: string; start: string; end: string }>;
}


function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? csvFiles(p) : p.endsWith('.csv') ? [p] : [];
  });
}

function teamOf(tags: string, names: Map<string, string>): string | undefined {
  if (!tags) return undefined;
  let parsed: Record<string, unknown>;
  try { parsed = JSON.parse(tags) as Record<string, unknown>; } catch { return undefined; }
  for (const [k, v] of Object.entries(parsed)) {
    const key = k.trim().toLowerCase();
    if ((key === 'team' || key === 'owner') && typeof v === 'string') return names.get(v.trim().toLowerCase());
  }
  return undefined;
}

function sumByTeamDay(dir: string, names: Map<string, string>): Map<string, Map<number, number>> {
  const byTeam = new Map<string, Map<number, number>>();
  for (const file of csvFiles(join(dir, 'focus'))) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const header = csvCells(lines[0] ?? '', ',');
    const [iStart, iCost, iTags] = ['ChargePeriodStart', 'EffectiveCost', 'Tags'].map((c) => header.indexOf(c));
    for (const line of lines.slice(1)) {
      if (!line) continue;
      const cells = csvCells(line, ',');
      const team = teamOf(cells[iTags!] ?? '', names) ?? 'untagged';
      const day = Math.floor(Date.parse(cells[iStart!]!) / 86_400_000) * 86_400_000;
      const m = byTeam.get(team) ?? new Map<number, number>();
      m.set(day, (m.get(day) ?? 0) + Number(cells[iCost!]));
      byTeam.set(team, m);
    }
  }
  return byTeam;
}

export async function demoTeamSeries(days = 730): Promise<TeamSeries[] | undefined> {
  const entry = join(import.meta.dirname, '../src/demo/index.ts');
  if (!existsSync(entry)) return undefined;
  const demo = (await import(entry)) as { generateDemo(o: { out: string; seed: number; days: number; end: Date }): Promise<{ groundTruthPath: string }> };
  const out = mkdtempSync(join(tmpdir(), 'outlay-bench-demo-'));
  const res = await demo.generateDemo({ out, seed: 42, days, end: new Date(Date.UTC(2026, 0, 1)) });
  const truth = JSON.parse(readFileSync(res.groundTruthPath, 'utf8')) as GroundTruth;
  const names = new Map<string, string>();
  for (const t of truth.organisation.teams) {
    names.set(t.name.toLowerCase(), t.name);
    if (t.tag_typo) names.set(t.tag_typo.toLowerCase(), t.name);
  }
  const byTeam = sumByTeamDay(out, names);
  return [...byTeam.entries()].filter(([team]) => team !== 'untagged').sort().map(([team, m]) => {
    const keys = [...m.keys()].sort((a, b) => a - b);
    return {
      team,
      series: { timestamps: keys.map((k) => new Date(k)), values: keys.map((k) => m.get(k)!) },
      labels: truth.anomalies.filter((a) => a.team === team).map((a) => ({ start: new Date(a.start), end: new Date(a.end), kind: a.kind, id: a.id })),
    };
  });
}
