/**
 * On-prem GPU cost model: what one GPU-hour of an owned cluster costs.
 *
 *   capex/h   = purchase price per GPU ÷ (amortisation years × 8760 h)
 *   draw W    = TDP × (idle draw share + (1 − idle draw share) × utilisation)
 *   power/h   = draw W ÷ 1000 × PUE × electricity USD/kWh
 *   hosting/h = hosting and operations USD per GPU-year ÷ 8760 h
 *   cost/GPU-hour = capex/h + power/h + hosting/h   (a wall-clock hour, busy or not)
 *
 * The organisation supplies the economics (purchase price, years, electricity,
 * PUE, hosting); the catalogue supplies only the TDP, because NVIDIA publishes
 * no list prices. Money is computed exactly with decimal strings.
 */
import { OutlayError, addDecimals } from '../core/index.ts';
import { readCatalogueCsv } from './csv.ts';
import { divideDecimals, multiplyDecimals } from './decimal.ts';
import type { DecimalInput } from './decimal.ts';

export interface OnPremGpuSpec {
  readonly gpuModel: string;
  readonly formFactor: string;
  readonly memoryGib: number | null;
  /** Board TDP in watts; null where no source stated it. */
  readonly tdpWatts: number | null;
  readonly tdpSource: string;
}

export interface OnPremAssumptions {
  readonly gpuModel: string;
  /** Picks the row when a model has several (e.g. "SXM5", "PCIe"); default: the first. */
  readonly formFactor?: string;
  /** Organisation's purchase price per GPU in USD (server share included if they wish). */
  readonly purchasePriceUsd: DecimalInput;
  readonly amortisationYears: DecimalInput;
  readonly electricityUsdPerKwh: DecimalInput;
  /** Power usage effectiveness of the facility (≥ 1). */
  readonly pue: DecimalInput;
  /** Mean GPU utilisation in [0, 1]. */
  readonly utilisation: DecimalInput;
  /** Share of TDP drawn when idle (default 0.3). */
  readonly idleDrawShare?: DecimalInput;
  /** Hosting, network and operations per GPU-year in USD (default 0). */
  readonly hostingUsdPerGpuYear?: DecimalInput;
}

export interface OnPremGpuHourCost {
  readonly gpuModel: string;
  readonly tdpWatts: number;
  readonly tdpSource: string;
  readonly drawWatts: string;
  /** USD per GPU-hour, exact decimals rounded to 10 places. */
  readonly capexPerGpuHour: string;
  readonly powerPerGpuHour: string;
  readonly hostingPerGpuHour: string;
  readonly costPerGpuHour: string;
  /** Cost of a GPU-hour of useful work: costPerGpuHour ÷ utilisation. */
  readonly costPerUtilisedGpuHour: string | null;
  /** Share of the cost paid for idle time (1 − utilisation), and its USD per GPU-hour. */
  readonly idleShare: string;
  readonly idleCostPerGpuHour: string;
}

const HOURS_PER_YEAR = '8760';
let cache: OnPremGpuSpec[] | undefined;

export function onPremGpuSpecs(): readonly OnPremGpuSpec[] {
  cache ??= readCatalogueCsv('onprem-gpu.csv').map((r) => ({
    gpuModel: r.gpu_model ?? '',
    formFactor: r.form_factor ?? '',
    memoryGib: r.memory_gib ? Number(r.memory_gib) : null,
    tdpWatts: r.tdp_watts ? Number(r.tdp_watts) : null,
    tdpSource: r.tdp_source ?? '',
  }));
  return cache;
}

/** TDP row for a GPU model (case-insensitive), optionally a form factor. */
export function gpuSpec(gpuModel: string, formFactor?: string): OnPremGpuSpec | undefined {
  const m = gpuModel.trim().toLowerCase();
  const rows = onPremGpuSpecs().filter((s) => s.gpuModel.toLowerCase() === m);
  if (formFactor === undefined) return rows[0];
  const f = formFactor.trim().toLowerCase();
  return rows.find((s) => s.formFactor.toLowerCase().startsWith(f));
}

function inRange(name: string, v: DecimalInput, lo: number, hi: number): void {
  const n = Number(v);
  if (!(n >= lo && n <= hi)) throw new OutlayError('INPUT_INVALID', `${name} must be in [${lo}, ${hi}], got ${String(v)}`, { field: name, value: String(v) });
}

/**
 * Cost per GPU-hour of an owned GPU.
 * @example onPremGpuHourCost({ gpuModel: 'NVIDIA H100', purchasePriceUsd: 30000, amortisationYears: 4,
 *   electricityUsdPerKwh: '0.12', pue: '1.3', utilisation: '0.6' })
 */
export function onPremGpuHourCost(a: OnPremAssumptions): OnPremGpuHourCost {
  const spec = gpuSpec(a.gpuModel, a.formFactor);
  if (!spec || spec.tdpWatts === null) {
    throw new OutlayError('NOT_FOUND', `no TDP in the catalogue for ${a.gpuModel}${a.formFactor ? ` (${a.formFactor})` : ''}`, { field: 'gpuModel', value: a.gpuModel });
  }
  inRange('utilisation', a.utilisation, 0, 1);
  inRange('pue', a.pue, 1, 5);
  inRange('amortisationYears', a.amortisationYears, 0.1, 50);
  const idle = a.idleDrawShare ?? '0.3';
  inRange('idleDrawShare', idle, 0, 1);
  const busyShare = addDecimals(['1', `-${String(idle)}`]);
  const drawWatts = multiplyDecimals(spec.tdpWatts, addDecimals([String(idle), multiplyDecimals(busyShare, a.utilisation)]));
  const hours = multiplyDecimals(a.amortisationYears, HOURS_PER_YEAR);
  const capex = divideDecimals(a.purchasePriceUsd, hours, 10);
  const power = divideDecimals(multiplyDecimals(drawWatts, a.pue, a.electricityUsdPerKwh), 1000, 10);
  const hosting = divideDecimals(a.hostingUsdPerGpuYear ?? 0, HOURS_PER_YEAR, 10);
  const total = addDecimals([capex, power, hosting]);
  const idleShare = addDecimals(['1', `-${String(a.utilisation)}`]);
  return {
    gpuModel: spec.gpuModel, tdpWatts: spec.tdpWatts, tdpSource: spec.tdpSource, drawWatts,
    capexPerGpuHour: capex, powerPerGpuHour: power, hostingPerGpuHour: hosting, costPerGpuHour: total,
    costPerUtilisedGpuHour: Number(a.utilisation) > 0 ? divideDecimals(total, a.utilisation, 10) : null,
    idleShare, idleCostPerGpuHour: divideDecimals(multiplyDecimals(total, idleShare), 1, 10),
  };
}
