/** GPU telemetry → CostRecord rows, shared by nvidia-smi, DCGM/Prometheus and OpenCost. */
export { aggregateGpuSamples, rateWarnings } from './aggregate.ts';
export type { AggregateOptions, GpuSample } from './aggregate.ts';
export { gpuHourRate, migFraction, migSlices } from './price.ts';
export type { GpuHourRate } from './price.ts';
