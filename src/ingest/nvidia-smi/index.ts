/**
 * Bare on-prem GPU nodes: `nvidia-smi --query-gpu … --format=csv` logs,
 * `--query-compute-apps` snapshots and `nvidia-smi -q -x` XML → GPU-hours,
 * utilisation, memory and power per GPU and MIG slice per UTC hour, priced
 * with the on-prem model (OUTLAY_ONPREM_ASSUMPTIONS) or flagged unpriced.
 * Time stamps are host-local: OUTLAY_NVIDIA_SMI_UTC_OFFSET (+02:00, or the
 * host's zone, Europe/Berlin, through its daylight-saving changes) says how
 * to read them; unset, they are read as UTC and the report says so.
 */
import { basename } from 'node:path';
import { OutlayError } from '../../core/index.ts';
import type { Connector, Staged } from '../connector.ts';
import type { FileProbe } from '../probe.ts';
import { aggregateGpuSamples, rateWarnings, type GpuSample } from '../gpu-telemetry/index.ts';
import { readProbeText, stageRows, type BuiltRow } from '../row-stage/index.ts';
import { gpuSamples, isComputeApps, isGpuQuery, isQueryGpu, readCsv, type CsvTable } from './csv.ts';
import { hostClock, localTime, measure, type HostClock } from './values.ts';
import { parseXml } from './xml.ts';
import { xmlProcesses, xmlSamples } from './xml-map.ts';
import { processRow } from './processes.ts';

const HOUR = 3_600_000;
/** A first line that is already a sample: `2026/07/14 09:00:44.579, …`. */
const NO_HEADER = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(\.\d+)?, /;

function appRows(t: CsvTable, file: string, clock: HostClock, account: string): BuiltRow[] {
  return t.rows.map((r) => processRow({
    line: r.line, at: localTime(r.cells.get('timestamp') ?? null, clock, { file, line: r.line, field: 'timestamp' }),
    gpuUuid: r.cells.get('gpu_uuid') ?? null, gpuName: r.cells.get('gpu_name') ?? null, pid: r.cells.get('pid') ?? null,
    name: r.cells.get('process_name') ?? null, usedMib: measure(r.cells.get('used_gpu_memory'), { file, line: r.line, field: 'used_gpu_memory [MiB]' }),
  }, account));
}

function stageSamples(probe: FileProbe, samples: GpuSample[], account: string, warnings: string[], extra: BuiltRow[] = []): Staged {
  const { rows, rates } = aggregateGpuSamples(samples, { bucketMs: HOUR, provider: 'On-premises', accountId: account, serviceName: 'GPU cluster', onPrem: true });
  const gpus = new Set(samples.map((s) => s.gpu)).size;
  if (samples.length === gpus) warnings.push('one sample per GPU: utilisation and memory recorded, GPU-hours 0 (log with nvidia-smi -l N for GPU-hours)');
  return { file: stageRows({ path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format: 'nvidia-smi' }, [...rows, ...extra]), notes: { ignoredColumns: [], warnings: [...warnings, ...rateWarnings(rates)] } };
}

export const nvidiaSmiConnector: Connector = {
  id: 'nvidia-smi',
  label: 'nvidia-smi --query-gpu / --query-compute-apps CSV, nvidia-smi -q -x XML',
  detect(probe) {
    if (probe.container === 'parquet') return 0;
    if (/<nvidia_smi_log\b/.test(probe.head)) return 0.95;
    const header = (probe.head.split(/\r?\n/)[0] ?? '').split(',').map((h) => h.replace(/\s*\[[^\]]*\]\s*$/, '').trim());
    if (isQueryGpu(header) || isComputeApps(header)) return 0.9;
    return NO_HEADER.test(probe.head) || isGpuQuery(header) ? 0.5 : 0;
  },
  async stage(probe) {
    const text = readProbeText(probe);
    const tz = hostClock(process.env);
    const warnings = tz.given ? [] : ['time stamps carry no zone and were read as UTC (set OUTLAY_NVIDIA_SMI_UTC_OFFSET, e.g. +02:00 or Europe/Berlin, for hosts on local time)'];
    // One log is one account, so a newer copy of it restates; a gzip of the log is the same log, not a second host.
    const account = `on-prem:nvidia-smi:${basename(probe.path).replace(/\.gz$/i, '')}`;
    if (/<nvidia_smi_log\b/.test(probe.head)) {
      const doc = parseXml(text, probe.path);
      const procs = xmlProcesses(doc, probe.path, tz.clock()).map((p) => processRow(p, account));
      return stageSamples(probe, xmlSamples(doc, probe.path, tz.clock()), account, warnings, procs);
    }
    if (NO_HEADER.test(probe.head)) {
      throw new OutlayError('INGEST_MISSING_COLUMN', `${probe.path}:1: nvidia-smi CSV without a header line (--format=csv,noheader): columns are read by name, so log with --format=csv (nounits is fine)`, { file: probe.path, line: 1, field: '(header)' });
    }
    const table = readCsv(text, probe.path);
    if (!isQueryGpu(table.header) && !isComputeApps(table.header)) {
      // An exporter's own --query-gpu (nvidia_gpu_exporter asks for no time stamp) cannot be placed in time.
      throw new OutlayError('INGEST_MISSING_COLUMN', `${probe.path}:1: nvidia-smi --query-gpu CSV without a timestamp column: samples cannot be dated, so add timestamp to --query-gpu`, { file: probe.path, line: 1, field: 'timestamp' });
    }
    if (isComputeApps(table.header) && !isQueryGpu(table.header)) {
      return { file: stageRows({ path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format: 'nvidia-smi-apps' }, appRows(table, probe.path, tz.clock(), account)), notes: { ignoredColumns: [], warnings } };
    }
    return stageSamples(probe, gpuSamples(table, probe.path, tz.clock()), account, warnings);
  },
};
