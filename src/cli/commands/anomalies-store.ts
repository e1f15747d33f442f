/**
 * `outlay anomalies scan|list|ack|resolve|false-positive|settings`: the
 * anomaly engine over the store, with stored incidents and their lifecycle.
 */
import type { Command } from 'commander';
import { dimensionId, OutlayError, parseInstant, parseRange } from '../../core/index.ts';
import { changeIncidentStatus, SCAN_GRAINS, scanAnomalies, type ScanReport } from '../../analytics/anomaly-scan/index.ts';
import { anomalyStore, FULL_ACCESS, isIncidentStatus, scopeKey, type IncidentRecord, type IncidentStatus } from '../../store/index.ts';
import { withStore } from '../context.ts';
import { render } from '../output.ts';
import { cliActor } from './admin-store.ts';
import { parseSeriesGrain } from './forecast-query.ts';
import { parseFilter } from './query.ts';
import { commaList } from '../options.ts';

export interface StoreFlags {
  format: 'json' | 'table';
  sensitivity?: number; minImpact?: number;
  grain?: string; dimensions?: string; measure?: string; holidays?: string; filter?: string[]; from?: string; to?: string; top?: number;
  status?: string; limit?: number; note?: string; scope?: string;
}

const LIFECYCLE: Readonly<Record<string, IncidentStatus>> = { ack: 'acknowledged', resolve: 'resolved', 'false-positive': 'false_positive' };

const write = (fmt: 'json' | 'table', json: unknown, table: () => string): void => {
  process.stdout.write(`${fmt === 'json' ? JSON.stringify(json, null, 2) : table()}\n`);
};


function causeSummary(r: IncidentRecord): string {
  // Resource ids run to 150 characters; the table keeps their tail, JSON keeps them whole.
  const short = (v: string) => (v.length > 40 ? `…${v.slice(-39)}` : v);
  return r.rootCause.slice(0, 3).flatMap((d) => d.values.slice(0, 1).map((v) => `${d.dimension}=${short(v.value) || '(unallocated)'} ${Math.round(v.share * 100)}%`)).join(', ');
}

function incidentTable(rows: ReadonlyArray<IncidentRecord & { state?: string }>): string {
  const day = (s: string | null, r: IncidentRecord) => (s == null ? 'ongoing' : r.grain === 'day' ? s.slice(0, 10) : s.slice(0, 16));
  return render('table', ['id', 'status', 'scope', 'onset', 'end', 'kind', 'impact', 'severity', 'root cause', 'related'], rows.map((r) => ({
    id: r.id, status: r.state ? `${r.status} (${r.state})` : r.status, scope: scopeKey(r.scope).slice(0, 60), onset: day(r.onset, r), end: day(r.end, r), kind: `${r.kind} ${r.direction}`,
    impact: `${r.impact.toFixed(2)}${r.currency ? ` ${r.currency}` : ''}`, severity: r.severity, 'root cause': causeSummary(r), related: String(r.related.length),
  })));
}

async function scan(cmd: Command, f: StoreFlags): Promise<void> {
  const range = parseRange(f.from || undefined, f.to || undefined);
  const report: ScanReport = await withStore(cmd, (store) => scanAnomalies(store, FULL_ACCESS, anomalyStore(store), {
    measure: f.measure, grain: parseSeriesGrain(f.grain, SCAN_GRAINS), dimensions: f.dimensions === undefined ? undefined : commaList(f.dimensions),
    minImpact: f.minImpact, sensitivity: f.sensitivity, filters: (f.filter ?? []).map(parseFilter), top: f.top,
    holidays: commaList(f.holidays).map((d) => parseInstant(d, 'holidays')),
    ...range,
  }));
  const rows = report.incidents.map((i) => ({ ...i.record, state: i.state }));
  write(f.format, { ...report, incidents: rows }, () => {
    const newSpend = report.newSpend.length ? `; ${report.newSpend.length} increase(s) were new resources starting (newSpend in --format json), not incidents` : '';
    const head = `${report.incidents.length} incident(s) from ${report.detections} detection(s) in ${report.seriesScanned} ${report.measure} series (${report.grain}); ${report.seriesSkipped} series too short or too small to reach their minimum impact${newSpend}`;
    return rows.length ? `${head}\n${incidentTable(rows)}` : head;
  });
}

async function listIncidents(cmd: Command, f: StoreFlags): Promise<void> {
  const status = f.status;
  if (status !== undefined && !isIncidentStatus(status)) throw new OutlayError('INPUT_INVALID', `--status ${status}: use open, acknowledged, resolved or false_positive`, { field: 'status', value: status });
  const rows = await withStore(cmd, (store) => anomalyStore(store).listIncidents({ status, limit: f.limit ?? 100, offset: 0 }));
  write(f.format, rows, () => (rows.length ? incidentTable(rows) : `no ${status ?? ''} incidents stored (run \`outlay anomalies scan\`)`.replace('  ', ' ')));
}

async function lifecycle(cmd: Command, action: string, id: string | undefined, f: StoreFlags): Promise<void> {
  const to = LIFECYCLE[action]!;
  if (!id) throw new OutlayError('INPUT_INVALID', `anomalies ${action} needs an incident id (see \`outlay anomalies list\`)`, { field: 'id' });
  const { actor } = cliActor();
  const at = new Date().toISOString();
  const out = await withStore(cmd, async (store) => {
    const changed = await changeIncidentStatus(anomalyStore(store), id, to, f.note ?? null, at, actor);
    if (!changed) throw new OutlayError('NOT_FOUND', `no anomaly incident ${id}`, { field: 'id', value: id });
    return changed;
  });
  write(f.format, out, () => [
    `${out.incident.id}: ${out.incident.status}${out.incident.note ? ` (${out.incident.note})` : ''}`,
    ...out.settings.map((s) => `  ${s.scope}: min impact now ${s.minImpact}, sensitivity ${s.sensitivity} (${s.falsePositives} false positive(s))`),
  ].join('\n'));
}

/** "total", "team=search", "team=" (unallocated) → the stored scope key. */
function parseScope(text: string): string {
  if (text.trim() === 'total') return 'total';
  const m = /^([^=]+)=(.*)$/.exec(text.trim());
  if (!m) throw new OutlayError('INPUT_INVALID', `--scope ${text}: write total or <dimension>=<value>, e.g. team=search`, { field: 'scope', value: text });
  return scopeKey({ [dimensionId(m[1]!)]: m[2] === '' ? null : m[2]! });
}

async function settings(cmd: Command, f: StoreFlags): Promise<void> {
  const out = await withStore(cmd, async (store) => {
    const incidents = anomalyStore(store);
    if (f.scope !== undefined) {
      const scope = parseScope(f.scope);
      if (f.minImpact === undefined && f.sensitivity === undefined) throw new OutlayError('INPUT_INVALID', 'settings --scope needs --min-impact and/or --sensitivity', { field: 'min-impact' });
      const old = (await incidents.listScopeSettings()).find((s) => s.scope === scope);
      await incidents.putScopeSettings({
        scope, minImpact: f.minImpact ?? old?.minImpact ?? null, sensitivity: f.sensitivity ?? old?.sensitivity ?? null,
        falsePositives: old?.falsePositives ?? 0, updatedAt: new Date().toISOString(), updatedBy: cliActor().actor,
      });
    }
    return incidents.listScopeSettings();
  });
  write(f.format, out, () => (out.length ? render('table', ['scope', 'minImpact', 'sensitivity', 'falsePositives', 'updatedAt', 'updatedBy'], out.map((s) => ({ ...s, minImpact: s.minImpact ?? 'default', sensitivity: s.sensitivity ?? 'default', falsePositives: String(s.falsePositives) }))) : 'no per-scope settings (every scope uses the scan\'s --min-impact and --sensitivity)'));
}

const STORE_ACTIONS = ['scan', 'list', 'ack', 'resolve', 'false-positive', 'settings'] as const;

export function runStoreAction(cmd: Command, action: string, id: string | undefined, f: StoreFlags): Promise<void> {
  if (action === 'scan') return scan(cmd, f);
  if (action === 'list') return listIncidents(cmd, f);
  if (action === 'settings') return settings(cmd, f);
  if (action in LIFECYCLE) return lifecycle(cmd, action, id, f);
  throw new OutlayError('INPUT_INVALID', `unknown anomalies action "${action}" (want ${STORE_ACTIONS.join(', ')}, or --input <csv>)`, { field: 'action', value: action });
}
