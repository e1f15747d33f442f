/**
 * Every `outlay` sub-command, registered in the order `outlay --help` lists
 * them. Each command lives in its own file and exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as prices } from './prices.ts';

type Register = (program: Command) => void;

const registrations: Register[] = [prices];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
