/**
 * `nvidia-smi --query-gpu=… --format=csv[ -l N]` logs and
 * `--query-compute-apps=… --format=csv`. Columns are read by header name
 * (the set differs by driver and OS); cells are separated by ", "; a header
 * repeated mid-file (several runs appended) is skipped.
 */
import { OutlayError } from '../../core/index.ts';
import type { GpuSample } from '../gpu-telemetry/index.ts';
import { durations, localTime, measure, type HostClock } from './values.ts';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly { line: number; cells: Map<string, string> }[];
}

/** Header name without its unit: "memory.used [MiB]" → "memory.used". */
const bare = (h: string): string => h.replace(/\s*\[[^\]]*\]\s*$/, '').trim();

export function readCsv(text: string, file: string): CsvTable {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => bare(h));
  const rows: { line: number; cells: Map<string, string> }[] = [];
  lines.forEach((l, i) => {
    if (i === 0 || l.trim() === '') return;
    const cells = l.split(', ');
    if (cells.map((c) => bare(c)).join('|') === header.join('|')) return;
    if (cells.length !== header.length) {
      throw new OutlayError('INGEST_BAD_ROW', `${file}:${i + 1}: ${cells.length} cells but the header has ${header.length}`, { file, line: i + 1, field: '(row)' });
    }
    rows.push({ line: i + 1, cells: new Map(header.map((h, j) => [h, (cells[j] ?? '').trim()])) });
  });
  return { header, rows };
}

const MASKED = /^GPU-0{8}-0{4}-0{4}-0{4}-0{12}$/;

export function gpuSamples(t: CsvTable, file: string, clock: HostClock): GpuSample[] {
  const raw = t.rows.map((r) => {
    const w = (field: string) => ({ file, line: r.line, field });
    const uuid = r.cells.get('uuid') ?? null;
    const index = r.cells.get('index') ?? r.cells.get('pci.bus_id') ?? '0';
    const used = measure(r.cells.get('memory.used'), w('memory.used [MiB]'));
    const util = measure(r.cells.get('utilization.gpu'), w('utilization.gpu [%]'));
    return {
      gpu: uuid && !MASKED.test(uuid) ? uuid : `gpu${index}${uuid ? ` (${uuid})` : ''}`,
      at: localTime(r.cells.get('timestamp') ?? null, clock, w('timestamp')), line: r.line,
      gpuName: r.cells.get('name') ?? null, util: util === null ? null : util / 100, memUsedMib: used,
      powerW: measure(r.cells.get('power.draw') ?? r.cells.get('power.draw.average') ?? r.cells.get('power.draw.instant'), w('power.draw [W]')),
      labels: { mig_mode: r.cells.get('mig.mode.current') ?? '', driver_version: r.cells.get('driver_version') ?? '' },
    };
  });
  const byGpu = new Map<string, typeof raw>();
  for (const s of raw) byGpu.set(s.gpu, [...(byGpu.get(s.gpu) ?? []), s]);
  const out: GpuSample[] = [];
  for (const list of byGpu.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    const d = durations(list.map((s) => s.at.getTime()));
    list.forEach((s, i) => out.push({ ...s, durationMs: d[i] ?? 0 }));
  }
  return out;
}

/** --query-gpu columns: a GPU measure and a GPU identity (uuid, index, or pci.bus_id as in NVIDIA's own example query). */
export const isGpuQuery = (header: readonly string[]): boolean =>
  (header.includes('utilization.gpu') || header.includes('memory.used')) && ['uuid', 'index', 'pci.bus_id'].some((h) => header.includes(h));

/** A --query-gpu log: those columns with time stamps. */
export const isQueryGpu = (header: readonly string[]): boolean => header.includes('timestamp') && isGpuQuery(header);

export const isComputeApps = (header: readonly string[]): boolean => header.includes('used_gpu_memory') && (header.includes('pid') || header.includes('gpu_uuid'));
