/**
 * How much a resource is used on a day: instance-hours (or service units) in
 * 1e-4 units, GPU utilisation, and token counts. Noise is hashed from
 * (seed, resource, day), so the same day always gives the same numbers and an
 * anomaly's multiplier is the only difference between a run with and without it.
 */
import { activity } from './calendar.ts';
import type { DemoDay } from './calendar.ts';
import { TEAMS } from './org.ts';
import { gauss } from './random.ts';
import type { DemoResource } from './resource.ts';

export interface TokenCounts {
  input: number;
  output: number;
  cached: number;
  write: number;
  requests: number;
}

export interface DayUsage {
  /** ConsumedQuantity in 1e-4 units (instance-hours, node-hours, GB, TB-hours …). */
  qty: number;
  /** Mean GPU utilisation in [0, 1] (GPU rows only). */
  util: number;
  tokens: TokenCounts | null;
}

const HOUR = 10_000;
const QUARTER = 2_500;
const teamIdx = new Map(TEAMS.map((t, i) => [t.name, i]));
const growth = new Map(TEAMS.map((t) => [t.name, t.growthPerDay]));

/** Team-wide day-to-day wobble (2 %), shared by all of a team's elastic resources. */
function teamNoise(seed: number, team: string, day: number): number {
  return 1 + 0.02 * gauss(seed, 0x7ea4, teamIdx.get(team) ?? 0, day);
}

/** Compound growth that slows over long windows (≈ linear days early, saturating after ~8 months). */
function trend(team: string, day: number): number {
  return Math.pow(1 + (growth.get(team) ?? 0), 240 * (1 - Math.exp(-day / 240)));
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const quarterHours = (hours: number): number => Math.round((hours * HOUR) / QUARTER) * QUARTER;

function gpuHours(res: DemoResource, day: DemoDay, seed: number, factor: number): number {
  const g = res.gpu;
  if (!g || res.fixed) return quarterHours(24 * factor);
  const act = activity(res.activity, day);
  const n = gauss(seed, res.index, day.index, 1);
  const wobble = teamNoise(seed, res.owner.team, day.index);
  let hours: number;
  if (g.pattern === 'pool') {
    hours = 24 * g.size * act * trend(res.owner.team, day.index) * (1 + 0.05 * n) * wobble;
  } else if (g.pattern === 'interactive') {
    hours = clamp(10 * act * (1 + 0.25 * n) * wobble, 0, 24);
  } else if (g.pattern === 'training') {
    hours = clamp(24 * act * (1 + 0.04 * n) * wobble, 0, 24);
  } else hours = 24;
  return quarterHours(hours * factor);
}

function serviceQty(res: DemoResource, day: DemoDay, seed: number, factor: number): number {
  const s = res.service;
  if (!s) return 0;
  const c = s.choice;
  if (c.unit === 'Hours' && c.activity === 'flat') return quarterHours(Math.max(1, Math.round(s.perDay / 24)) * 24 * factor);
  const act = activity(c.activity, day);
  const n = gauss(seed, res.index, day.index, 2);
  const sigma = c.activity === 'flat' ? 0.004 : c.activity === 'interactive' ? 0.2 : 0.06;
  const growthNow = c.activity === 'flat' ? 1 + 0.002 * day.index : trend(res.owner.team, day.index);
  const units = s.perDay * act * growthNow * (1 + sigma * n) * (c.activity === 'flat' ? 1 : teamNoise(seed, res.owner.team, day.index));
  return Math.max(0, Math.round(units * factor * 100)) * 100;
}

function llmTokens(res: DemoResource, day: DemoDay, seed: number, factor: number): TokenCounts {
  const l = res.llm;
  if (!l) return { input: 0, output: 0, cached: 0, write: 0, requests: 0 };
  const act = activity('api', day);
  const requests = Math.max(0, Math.round(l.requestsPerDay * act * trend(res.owner.team, day.index) * (1 + 0.07 * gauss(seed, res.index, day.index, 3))
    * teamNoise(seed, res.owner.team, day.index) * factor));
  const inputTotal = Math.round(requests * l.inputPerRequest * (1 + 0.03 * gauss(seed, res.index, day.index, 4)));
  const cached = Math.round(inputTotal * l.cachedShare);
  const write = Math.round(inputTotal * l.writeShare);
  const output = Math.round(requests * l.outputPerRequest * (1 + 0.05 * gauss(seed, res.index, day.index, 5)));
  return { input: inputTotal - cached - write, output, cached, write, requests };
}

function utilisation(res: DemoResource, day: DemoDay, seed: number): number {
  const base = res.gpu?.utilBase ?? res.onprem?.utilBase ?? 0;
  const act = activity(res.activity, day);
  return Math.round(clamp(base * (0.8 + 0.2 * act) + 0.03 * gauss(seed, res.index, day.index, 6), 0.005, 0.99) * 1000) / 1000;
}

/** The day's usage of a resource; `factor` is the anomaly multiplier (1 = baseline). */
export function dayUsage(res: DemoResource, day: DemoDay, seed: number, factor: number): DayUsage {
  switch (res.kind) {
    case 'llm':
      return { qty: 0, util: 0, tokens: llmTokens(res, day, seed, factor) };
    case 'service':
      return { qty: serviceQty(res, day, seed, factor), util: res.gpu ? utilisation(res, day, seed) : 0, tokens: null };
    case 'onprem':
      return { qty: 24 * HOUR, util: utilisation(res, day, seed), tokens: null };
    case 'gpu':
      return { qty: gpuHours(res, day, seed, factor), util: utilisation(res, day, seed), tokens: null };
  }
}
