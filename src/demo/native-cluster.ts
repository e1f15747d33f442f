/**
 * The on-prem Kubernetes cluster seen by its own tools, derived from the
 * cluster's internal chargeback rows (the bill, kept as FOCUS):
 * - OpenCost `/allocation/compute` (window = the month, one step per day,
 *   aggregated by pod): each pod's GPU-hours and GPU cost, pod labels = its
 *   tags. OpenCost splits a bill carried elsewhere, so the importer stores
 *   these as allocations (BilledCost 0), never as a second bill.
 * - DCGM exporter samples as OpenMetrics, one point per GPU per running hour
 *   over the last DCGM_DAYS days,
 *   for `promtool tsdb create-blocks-from openmetrics`.
 */
import { q, stagedRows } from './native-sql.ts';

/**
 * Days of DCGM history the demo serves through Prometheus: a week (within
 * Prometheus's default 15-day retention; promtool's backfill time grows with
 * days², since it re-reads its input once per 2-hour block).
 */
export const DCGM_DAYS = 7;

const namespace = `coalesce(json_extract_string(tags_json, '$."k8s-namespace"'), 'default')`;
const node = `coalesce(json_extract_string(tags_json, '$."k8s-node"'), ResourceName)`;
const pod = `coalesce(nullif(regexp_extract(ResourceId, '/pods/([^/]+)$', 1), ''), ResourceName || '-job')`;

/** Per day and pod: GPU-hours, GPU count and cost of the chargeback rows. */
function podDays(path: string): string {
  return `SELECT CAST(t0 AS DATE) AS day, ${namespace} AS ns, ${node} AS node, ${pod} AS pod,
      any_value(tags_json) AS tags_json, min(t0) AS t0, max(t1) AS t1, sum(gpu_hours) AS gpu_hours, sum(billed) AS cost,
      max(CAST(x_GpuCount AS INTEGER)) AS gpus
    FROM (${stagedRows(path)}) WHERE ChargeCategory = 'Usage' GROUP BY ALL`;
}

/** COPY statement writing the month's OpenCost allocation response (one JSON document). */
export function openCostCopy(chargebackPath: string, target: string, cluster: string): string {
  const alloc = `{'name': ns || '/' || pod,
    'properties': {'cluster': ${q(cluster)}, 'node': node, 'namespace': ns, 'controllerKind': 'job', 'controller': pod, 'pod': pod,
      'labels': CAST(CAST(tags_json AS JSON) AS MAP(VARCHAR, VARCHAR))},
    'window': {'start': strftime(t0, '%Y-%m-%dT%H:%M:%SZ'), 'end': strftime(t1, '%Y-%m-%dT%H:%M:%SZ')},
    'start': strftime(t0, '%Y-%m-%dT%H:%M:%SZ'), 'end': strftime(t1, '%Y-%m-%dT%H:%M:%SZ'),
    'minutes': CAST(epoch(t1 - t0) / 60 AS BIGINT), 'gpuCount': gpus, 'gpuHours': gpu_hours,
    'gpuCost': cost, 'gpuCostAdjustment': 0, 'totalCost': cost}`;
  const steps = `SELECT day, map_from_entries(list({'key': ns || '/' || pod, 'value': ${alloc}} ORDER BY ns, pod)) AS step FROM (${podDays(chargebackPath)}) GROUP BY day`;
  return `COPY (SELECT 200 AS code, 'success' AS status, list(step ORDER BY day) AS data FROM (${steps})) TO ${q(target)} (FORMAT json)`;
}

/** Number of allocations (= stored rows: one GPU component each) the OpenCost file holds. */
export const openCostAllocations = (chargebackPath: string): string => `SELECT count(*) AS n FROM (${podDays(chargebackPath)})`;

/**
 * One DCGM point per GPU per running hour from `from` on: the day's
 * node-hours rounded to whole hours, starting at its first hour.
 */
function dcgmPoints(path: string, from: string): string {
  return `SELECT ns, node, pod, g, CAST(epoch(t0) AS BIGINT) + 3600 * h AS ts_s, util
    FROM (SELECT ${namespace} AS ns, ${node} AS node, ${pod} AS pod, t0, CAST(round(qty) AS INTEGER) AS hours,
        CAST(x_GpuCount AS INTEGER) AS gpus, coalesce(TRY_CAST(x_GpuUtilization AS DOUBLE), 0.5) AS util
      FROM (${stagedRows(path)}) WHERE ChargeCategory = 'Usage' AND t0 >= TIMESTAMP ${q(from)}),
      range(hours) r(h), range(gpus) s(g)`;
}

/** SELECT of the month's OpenMetrics sample lines for one metric (series in time order). */
export function dcgmLines(path: string, from: string, metric: 'util' | 'fb'): string {
  const name = metric === 'util' ? 'DCGM_FI_DEV_GPU_UTIL' : 'DCGM_FI_DEV_FB_USED';
  const value = metric === 'util' ? 'CAST(round(util * 100) AS INTEGER)' : 'CAST(round(2048 + util * 76000) AS INTEGER)';
  const labels = `'{gpu="' || g || '",UUID="GPU-' || md5(node || '/' || g)[1:8] || '-' || md5(node || '/' || g)[9:12] || '-' || md5(node || '/' || g)[13:16] || '-' || md5(node || '/' || g)[17:20] || '-' || md5(node || '/' || g)[21:32]
    || '",device="nvidia' || g || '",modelName="NVIDIA H100 80GB HBM3",Hostname="' || node || '",container="main",namespace="' || ns || '",pod="' || pod || '"}'`;
  return `SELECT ${q(name)} || ${labels} || ' ' || ${value} || ' ' || ts_s AS line
    FROM (${dcgmPoints(path, from)}) ORDER BY node, g, pod, ts_s`;
}
