import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { withStore } from '../context.ts';

export function register(program: Command): void {
  program
    .command('export')
    .description('write the whole lake as FOCUS 1.2 + x_ columns, partitioned provider=<p>/month=<YYYY-MM>/ (load back with `outlay ingest <dir>`)')
    .argument('<dir>', 'output folder')
    .option('--format <fmt>', 'parquet or csv', 'parquet')
    .action(async (dir: string, flags: { format: string }, cmd: Command) => {
      if (flags.format !== 'parquet' && flags.format !== 'csv') throw new OutlayError('INPUT_INVALID', `--format ${flags.format}: parquet or csv`, { field: 'format' });
      const fmt = flags.format;
      const { FULL_ACCESS } = await import('../../store/index.ts');
      const r = await withStore(cmd, (s) => s.exportLake(dir, fmt, FULL_ACCESS));
      process.stdout.write(`exported ${r.rows} row(s) in ${r.files} ${fmt} file(s) to ${r.dir}\n`);
    });
}
