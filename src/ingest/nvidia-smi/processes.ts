/**
 * GPU processes (`--query-compute-apps` CSV, `<processes>` of `-q -x`): one
 * row per process with its GPU memory, at the snapshot's time. No duration,
 * so no GPU-hours and no money: they show who holds GPU memory.
 */
import type { BuiltRow } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import { gpuModelName } from '../../pricing/index.ts';

export interface GpuProcess {
  readonly line: number;
  readonly at: Date;
  readonly gpuUuid: string | null;
  readonly gpuName: string | null;
  readonly pid: string | null;
  readonly name: string | null;
  readonly usedMib: number | null;
}

export function processRow(p: GpuProcess, account: string): BuiltRow {
  return { line: p.line, values: {
    ChargePeriodStart: p.at, ChargePeriodEnd: p.at, ChargeCategory: 'Usage', ProviderName: 'On-premises', BillingAccountId: account,
    ServiceName: 'GPU cluster', ServiceCategory: 'Compute', ServiceSubcategory: 'GPU', ResourceType: 'GPU process',
    ResourceId: `${p.gpuUuid ?? ''}/pid-${p.pid ?? ''}`, ResourceName: p.name,
    BillingCurrency: 'USD', BilledCost: '0', EffectiveCost: '0', x_GpuModel: gpuModelName(p.gpuName), x_GpuHours: '0',
    x_GpuMemoryUsedGib: p.usedMib === null ? null : p.usedMib / 1024, x_PricingStatus: 'allocation', x_PricingNote: 'process snapshot (memory only; no duration)',
    Tags: tagsJson({ pid: p.pid, process_name: p.name, gpu_uuid: p.gpuUuid }),
  } };
}
