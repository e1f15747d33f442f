/**
 * Reads Anthropic's usage and cost reports with an admin key
 * (ANTHROPIC_ADMIN_KEY or ANTHROPIC_ADMIN_KEY_FILE; base URL
 * ANTHROPIC_BASE_URL, default https://api.anthropic.com).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchPages, secretFromEnv } from '../row-stage/index.ts';
import { startOfUtcDay } from '../../core/index.ts';

export interface AnthropicCollectOptions {
  readonly start: Date;
  readonly end?: Date;
  readonly outDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

export async function collectAnthropic(o: AnthropicCollectOptions): Promise<string[]> {
  const env = o.env ?? process.env;
  const key = secretFromEnv('ANTHROPIC_ADMIN_KEY', env, (p) => readFileSync(p, 'utf8'));
  const base = (env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com').replace(/\/$/, '');
  const files: string[] = [];
  const reports: [string, string[]][] = [
    ['usage_report/messages', ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window']],
    ['cost_report', ['workspace_id', 'description']],
  ];
  for (const [ep, groups] of reports) {
    const url = new URL(`${base}/v1/organizations/${ep}`);
    // Buckets start on or after starting_at (snapped to UTC days): from its midnight, the first day is whole, not skipped.
    url.searchParams.set('starting_at', startOfUtcDay(o.start).toISOString());
    if (o.end) url.searchParams.set('ending_at', o.end.toISOString());
    url.searchParams.set('bucket_width', '1d');
    for (const g of groups) url.searchParams.append('group_by[]', g);
    const outFile = join(o.outDir, `anthropic-${ep.replace('/', '-')}.jsonl`);
    await fetchPages({ source: `Anthropic ${ep}`, url, headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' }, outFile, timeoutMs: o.timeoutMs });
    files.push(outFile);
  }
  return files;
}
