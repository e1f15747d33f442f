import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatMoney } from '../../core/index.ts';
import type { IngestReport } from '../../ingest/index.ts';
import { cliLogger, withStore } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { renderCsv, renderTable } from '../output.ts';
import { progressBar } from '../progress.ts';

interface IngestFlags { append?: boolean; reload?: boolean; quarantine?: string; format?: string; json?: boolean; mapping?: string }

function printReport(r: IngestReport): void {
  const rows = r.files.map((f) => ({
    file: f.path,
    status: f.status,
    rows: f.rows,
    rejected: f.rejected,
    totals: Object.entries(f.totals).map(([cur, t]) => formatMoney(t.BilledCost, cur)).join('; '),
  }));
  process.stdout.write(`${renderTable(['file', 'status', 'rows', 'rejected', 'totals'], rows)}\n`);
  for (const n of r.notes) for (const w of n.warnings) process.stderr.write(`note: ${n.path}: ${w}\n`);
  const replaced = r.files.reduce((sum, f) => sum + f.replacedRows, 0);
  if (replaced > 0) process.stdout.write(`replaced ${replaced} row(s) of earlier versions of these billing periods\n`);
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('load cost and usage files (FOCUS CSV/gzip/Parquet …) into the store; all files or none')
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .option('--append', 'add these files as more parts of already-loaded billing periods instead of replacing them')
    .option('--reload', 'load files again that a newer file has replaced since (status superseded), to go back to them')
    .option('--quarantine <file>', 'load the good rows and write rejected rows, with reasons, to this CSV')
    .option('--format <id>', 'skip detection and read the files as this format (e.g. focus)')
    .option('--mapping <file>', 'read CSV files as a generic feed mapped by this JSON file (column, constant and tag mappings; see docs/importers.md)')
    .option('--json', 'print the report as JSON')
    .action(async (paths: string[], flags: IngestFlags, cmd: Command) => {
      const { ingest } = await import('../../ingest/index.ts');
      const bar = progressBar('ingest');
      const report = await withStore(cmd, (store) => ingest(store, paths, {
        mode: flags.append ? 'append' : 'replace',
        quarantine: Boolean(flags.quarantine),
        reload: Boolean(flags.reload),
        format: flags.format,
        mapping: flags.mapping,
        logger: cliLogger(),
        onProgress: (phase, f) => bar.update(phase === 'stage' ? f * 0.1 : 0.1 + f * 0.9, phase),
      })).finally(() => bar.done());
      if (flags.quarantine && report.rejectedRows.length > 0) {
        writeFileSync(flags.quarantine, `${renderCsv(['file', 'line', 'field', 'value', 'reason'], report.rejectedRows.map((r) => ({ ...r })))}\n`);
        process.stderr.write(`${report.rejectedRows.length} rejected row(s) written to ${flags.quarantine}\n`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report);
      if (report.rejectedRows.length > 0) process.exitCode = EXIT.rejected;
    });
}
