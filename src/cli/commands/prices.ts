/**
 * `outlay prices`: the command and its options. prices-explain.ts finds and
 * explains the prices; it and the price catalogues load when the action runs.
 */
import type { Command } from 'commander';
import type { PricesOptions } from './prices-explain.ts';

export function register(program: Command): void {
  program
    .command('prices')
    .description('show and explain the prices (GPU instances, LLM tokens) in force on a date: catalogue, or an organisation override ($OUTLAY_PRICE_OVERRIDES)')
    .option('--provider <provider>', 'aws, gcp, azure, openai, anthropic, aws_bedrock, google_vertex_ai, azure_openai …')
    .option('--model <model>', 'LLM model id or part of it (e.g. gpt-4o, claude-sonnet)')
    .option('--instance <type>', 'instance type or part of it (e.g. p5.48xlarge, a3-)')
    .option('--at <date>', 'usage date, YYYY-MM-DD (default: today, UTC)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: PricesOptions) => (await import('./prices-explain.ts')).run(o));
}
