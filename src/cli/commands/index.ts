/**
 * Every `outlay` sub-command, registered in the order `outlay --help` lists
 * them. Each command lives in its own file and exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as ingest } from './ingest.ts';
import { register as drift } from './drift.ts';
import { register as collect } from './collect.ts';
import { register as query } from './query.ts';
import { register as sources } from './sources.ts';
import { register as reconcile } from './reconcile.ts';
import { register as exportLake } from './export.ts';
import { register as summary } from './summary.ts';
import { register as demo } from './demo.ts';
import { register as prices } from './prices.ts';
import { register as forecast } from './forecast.ts';
import { register as anomalies } from './anomalies.ts';
import { register as serve } from './serve.ts';
import { register as tokens } from './tokens.ts';
import { register as audit } from './audit.ts';

type Register = (program: Command) => void;

const registrations: Register[] = [
  ingest,
  drift,
  collect,
  query,
  sources,
  reconcile,
  exportLake,
  summary,
  demo,
  prices,
  forecast,
  anomalies,
  serve,
  tokens,
  audit,
];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
