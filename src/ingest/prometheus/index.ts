/**
 * Prometheus: saved expositions (.prom: dcgm-exporter, kube-state-metrics)
 * and live collection from a Prometheus server (`outlay collect prometheus`,
 * see collect.ts) of DCGM GPU metrics and kube-state-metrics GPU requests.
 */
import { statSync } from 'node:fs';
import type { Connector } from '../connector.ts';
import { aggregateGpuSamples, rateWarnings } from '../gpu-telemetry/index.ts';
import { readProbeText, stageRows } from '../row-stage/index.ts';
import { parseExposition } from './exposition.ts';
import { gpuRequestRows, snapshotSamples } from './snapshot.ts';
import { skippedNote } from './readings.ts';

export { collectPrometheus } from './collect.ts';
export type { PrometheusCollectOptions, PrometheusCollectResult } from './collect.ts';

const looksLikeExposition = (head: string): boolean =>
  /^(# (HELP|TYPE) )?(DCGM_FI_|dcgm_|kube_pod_)/m.test(head) && /^[a-zA-Z_:][\w:]*(\{[^}]*\})? [-+0-9.eEInfNa]+( \d+)?\s*$/m.test(head);

export const prometheusExpositionConnector: Connector = {
  id: 'prometheus-exposition',
  label: 'Prometheus exposition snapshot (.prom: dcgm-exporter, kube-state-metrics)',
  detect: (probe) => (probe.container === 'csv' && looksLikeExposition(probe.head) ? 0.9 : 0),
  async stage(probe) {
    const samples = parseExposition(readProbeText(probe), probe.path);
    const at = statSync(probe.path).mtime;
    // the snapshot file is the account (a gzip of it is the same snapshot, restated rather than added)
    const account = `prometheus:${probe.path.replace(/\.gz$/i, '')}`;
    const snap = snapshotSamples(samples, at);
    const { rows, rates } = aggregateGpuSamples(snap.samples, { bucketMs: 3_600_000, provider: 'Kubernetes', accountId: account, serviceName: 'GPU telemetry (DCGM)' });
    const { rows: requests, missing } = gpuRequestRows(samples, at, account);
    const warnings = [`${samples.length} sample(s): ${snap.samples.length} GPU device(s), ${requests.length} GPU request(s); a snapshot has no duration, so GPU-hours are 0 (collect from Prometheus for GPU-hours)`];
    if (snap.unlabeled) warnings.push(`${snap.unlabeled} DCGM sample(s) without a GPU label (UUID or gpu) were skipped`);
    if (snap.missing + missing) warnings.push(skippedNote(snap.missing + missing, 'sample'));
    if (samples.every((s) => s.timestampMs === null)) warnings.push('samples carry no time stamps; the file modification time was used');
    const file = stageRows({ path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format: 'prometheus-exposition' }, [...rows, ...requests]);
    return { file, notes: { ignoredColumns: [], warnings: [...warnings, ...rateWarnings(rates)] } };
  },
};
