/**
 * The `outlay` command. This is the only place in the CLI that catches errors:
 * an OutlayError prints its code and message (or {"error","code"} under
 * --json / --format json) and exits with the code's status.
 */
import { Command, CommanderError } from 'commander';
import { isOutlayError } from '../core/index.ts';
import { registerCommands } from './commands/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { installPriceOverrides } from './context.ts';

// `outlay query | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command('outlay')
  .description('Cost intelligence for AI workloads: cloud bills, GPU telemetry and LLM usage in one exact cost model')
  .option('--store <path>', 'store file (default: $OUTLAY_STORE or ./.outlay/outlay.duckdb)')
  .showHelpAfterError()
  .exitOverride()
  // Commander echoes an unknown option as typed, so `--key=sk-…` would print
  // the secret; option values are cut from its messages (keys come from the
  // environment or a file, never argv).
  .configureOutput({ outputError: (text, write) => write(withoutOptionValues(text)) });

registerCommands(program);
// Only the commands that price usage read the overrides file (serve reads it from its configuration).
// parseAsync awaits the promise the hook returns, so a bad file stops the command before its action.
const PRICING_COMMANDS = new Set(['ingest', 'collect', 'prices']);
program.hook('preAction', (_program, action) => {
  // `collect openai` runs the action of `openai`: look at the whole command path.
  for (let c: Command | null = action; c; c = c.parent) {
    if (PRICING_COMMANDS.has(c.name())) return installPriceOverrides();
  }
});

function withoutOptionValues(text: string): string {
  return text.replace(/(--?[\w-]+)=[^'\n]*/g, '$1=…');
}

function wantsJson(argv: readonly string[]): boolean {
  const i = argv.indexOf('--format');
  return argv.includes('--json') || (i >= 0 && argv[i + 1] === 'json') || argv.includes('--format=json');
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander exits 1 on an unknown option or command, a missing argument or a
    // bare command group; that is bad usage (2), not a rejection. --help stays 0.
    process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
  } else if (isOutlayError(err)) {
    if (wantsJson(process.argv)) {
      process.stdout.write(`${JSON.stringify({ error: err.message, code: err.code, details: err.details })}\n`);
    } else {
      process.stderr.write(`outlay: ${err.message} [${err.code}]\n`);
    }
    process.exitCode = exitCodeFor(err.code);
  } else {
    process.stderr.write(`outlay: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  }
}
