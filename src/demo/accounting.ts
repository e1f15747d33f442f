/**
 * What the generator counts while it writes, for ground truth: cost by true
 * owner, cost by how the owner's tags were written, and each anomaly's extra.
 */
import { MoneySum } from './money-units.ts';
import type { PlannedAnomaly } from './anomalies.ts';
import type { DayCost } from './emit.ts';

export interface CostSums {
  readonly billed: MoneySum;
  readonly effective: MoneySum;
  readonly list: MoneySum;
}

export interface AnomalyExtra {
  readonly cost: MoneySum;
  /** 1e-4 GPU-hours. */
  gpuHours: number;
  tokens: number;
}

const sums = (): CostSums => ({ billed: new MoneySum(), effective: new MoneySum(), list: new MoneySum() });

export class Accounting {
  readonly byTeam = new Map<string, CostSums>();
  readonly byTagMode = new Map<string, CostSums>();
  readonly extras = new Map<string, AnomalyExtra>();

  constructor(anomalies: readonly PlannedAnomaly[]) {
    for (const a of anomalies) this.extras.set(a.id, { cost: new MoneySum(), gpuHours: 0, tokens: 0 });
  }

  add(team: string, tagMode: string, c: DayCost): void {
    for (const [map, key] of [[this.byTeam, team], [this.byTagMode, tagMode]] as const) {
      let s = map.get(key);
      if (!s) map.set(key, (s = sums()));
      s.billed.add(c.billed);
      s.effective.add(c.effective);
      s.list.add(c.list);
    }
  }

  /** Money view of a sums map, keys sorted so the JSON is stable. */
  static view(map: ReadonlyMap<string, CostSums>): Record<string, { USD: { BilledCost: string; EffectiveCost: string; ListCost: string } }> {
    return Object.fromEntries([...map.keys()].sort().map((k) => {
      const s = map.get(k) as CostSums;
      return [k, { USD: { BilledCost: s.billed.value(), EffectiveCost: s.effective.value(), ListCost: s.list.value() } }];
    }));
  }
}
