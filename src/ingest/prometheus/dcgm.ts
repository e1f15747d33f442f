/**
 * DCGM exporter and kube-state-metrics series → GPU devices.
 * A device is one physical GPU (UUID, else Hostname + gpu index) or one MIG
 * slice of it (GPU_I_ID, with GPU_I_PROFILE), seen from one pod (dcgm-exporter
 * adds pod/namespace/container when it maps GPUs to pods). Host label:
 * `Hostname` in released exporters, `hostname` on newer ones; both accepted.
 * Utilisation: DCGM_FI_DEV_GPU_UTIL (0..100) for whole GPUs; under MIG it is
 * not reported per slice, so DCGM_FI_PROF_GR_ENGINE_ACTIVE (0..1) is used.
 */
export interface DeviceKey {
  readonly gpu: string;
  readonly host: string | null;
  readonly gpuName: string | null;
  readonly migId: string | null;
  readonly migProfile: string | null;
  readonly namespace: string | null;
  readonly pod: string | null;
  readonly container: string | null;
}

const nz = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);

/** Device identity of a DCGM series, or null for series with no GPU identity (dummy values). */
export function deviceOf(labels: Record<string, string>): DeviceKey | null {
  const host = nz(labels.Hostname ?? labels.hostname);
  const uuid = nz(labels.UUID ?? labels.uuid);
  const index = nz(labels.gpu);
  if (!uuid && index === null) return null;
  // With no exported_pod, a pod that is dcgm-exporter itself (GPU operator: nvidia-dcgm-exporter-…,
  // Helm chart: dcgm-exporter-…) is the scrape target, not a workload: the GPU had no pod.
  const own = !nz(labels.exported_pod) && /(^|-)dcgm-exporter-/.test(labels.pod ?? '');
  const workload = (k: 'namespace' | 'pod' | 'container'): string | null => (own ? null : nz(labels[`exported_${k}`]) ?? nz(labels[k]));
  return {
    gpu: uuid ?? `${host ?? 'host'}/gpu${index}`, host, gpuName: nz(labels.modelName),
    migId: nz(labels.GPU_I_ID), migProfile: nz(labels.GPU_I_PROFILE),
    // Scraped without honor_labels, the exporter's own pod/namespace/container are the target's and
    // the workload's move to exported_*: those, when present, are the pod using the GPU.
    namespace: workload('namespace'), pod: workload('pod'), container: workload('container'),
  };
}

export const deviceId = (d: { gpu: string; migId?: string | null; namespace?: string | null; pod?: string | null; container?: string | null }): string => `${d.gpu}|${d.migId ?? ''}|${d.namespace ?? ''}|${d.pod ?? ''}|${d.container ?? ''}`;

/** The metrics Outlay reads, and what each contributes. */
export const DCGM_METRICS = {
  util: 'DCGM_FI_DEV_GPU_UTIL',
  engine: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
  fbUsed: 'DCGM_FI_DEV_FB_USED',
  fbFree: 'DCGM_FI_DEV_FB_FREE',
  power: 'DCGM_FI_DEV_POWER_USAGE',
} as const;

/**
 * dcgm-exporter 1.x names (NVIDIA gpu-monitoring-tools), which current
 * exporters still serve when run with etc/1.x-compatibility-metrics.csv:
 * same DCGM fields and units (%, MiB, W), lower-case names.
 */
const DCGM_1X: Record<string, string> = {
  dcgm_gpu_utilization: DCGM_METRICS.util, dcgm_fb_used: DCGM_METRICS.fbUsed, dcgm_fb_free: DCGM_METRICS.fbFree, dcgm_power_usage: DCGM_METRICS.power,
};

/** The DCGM field a series reports, whichever exporter generation named it; null for other series. */
export const dcgmMetric = (name: string): string | null => (name.startsWith('DCGM_') ? name : name.startsWith('dcgm_') ? DCGM_1X[name] ?? name : null);

export const GPU_REQUEST = 'kube_pod_container_resource_requests';
export const GPU_LIMIT = 'kube_pod_container_resource_limits';
export const isGpuResource = (labels: Record<string, string>): boolean => /^(nvidia_com_gpu|nvidia\.com\/gpu|nvidia_com_mig_.*)$/.test(labels.resource ?? '');
