/** `outlay audit verify|list`: check the hash chain (non-zero exit when broken) and read the log. */
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.ts';
import { positiveInt } from '../options.ts';
import { parseFormat, render } from '../output.ts';
import { withMetadata } from './admin-store.ts';

export function register(program: Command): void {
  const audit = program.command('audit').description('the audit log of changes and exports (hash-chained)');
  audit
    .command('verify')
    .description(`check every entry's hash and link; exits ${EXIT.rejected} when the chain is broken`)
    .option('--json', 'print the result as JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { verifyAuditChain } = await import('../../store/index.ts');
      const r = await withMetadata(cmd, (meta) => verifyAuditChain(meta));
      if (flags.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else if (r.ok) process.stdout.write(`audit log intact: ${r.entries} entries\n`);
      else process.stderr.write(`audit log BROKEN at entry ${r.brokenAt}: ${r.reason} (${r.entries} entries before it are intact)\n`);
      if (!r.ok) process.exitCode = EXIT.rejected;
    });
  audit
    .command('list')
    .description('entries in order')
    .option('--limit <n>', 'at most n entries, oldest first', positiveInt('limit'), 100)
    .option('--offset <n>', 'skip the n oldest entries', positiveInt('offset', 0), 0)
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(async (flags: { limit: number; offset: number; format?: string }, cmd: Command) => {
      const format = parseFormat(flags.format);
      const entries = await withMetadata(cmd, (meta) => meta.listAudit({ limit: flags.limit, offset: flags.offset }));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      const rows = entries.map((e) => ({ ...e, details: JSON.stringify(e.details), hash: e.hash.slice(0, 12) }));
      process.stdout.write(`${render(format, ['seq', 'at', 'actor', 'action', 'target', 'origin', 'details', 'hash'], rows)}\n`);
    });
}
