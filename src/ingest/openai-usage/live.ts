/**
 * Reads the OpenAI organization Usage and Costs APIs with an admin key and
 * saves each endpoint's pages as NDJSON for the connector to load.
 * Base URL: OPENAI_BASE_URL (default https://api.openai.com/v1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchPages, secretFromEnv } from '../row-stage/index.ts';
import { startOfUtcDay } from '../../core/index.ts';

export interface OpenAiCollectOptions {
  readonly start: Date;
  readonly end?: Date;
  readonly endpoints?: readonly string[];
  readonly outDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** For tests: the clock that bounds how far an end is widened. */
  readonly now?: Date;
}

const DAY_S = 86_400;

/**
 * The window in Unix seconds, widened to whole UTC days. OpenAI's first
 * daily bucket runs from start_time to the next midnight and its last one
 * stops at end_time, while a pull restates every UTC day it holds
 * (replaceBy 'charge-day'): a part-day bucket would replace the whole day
 * stored earlier with only its own hours. The end is widened only up to now.
 */
function wholeDays(start: Date, end: Date | undefined, now: Date): { start: number; end?: number } {
  const from = startOfUtcDay(start).getTime() / 1000;
  if (!end) return { start: from };
  const to = Math.ceil(end.getTime() / 1000 / DAY_S) * DAY_S;
  return { start: from, end: to * 1000 <= now.getTime() ? to : Math.floor(end.getTime() / 1000) };
}

export const OPENAI_ENDPOINTS = ['usage/completions', 'usage/embeddings', 'usage/moderations', 'usage/images',
  'usage/audio_speeches', 'usage/audio_transcriptions', 'usage/vector_stores', 'usage/code_interpreter_sessions', 'costs'] as const;

export async function collectOpenAi(o: OpenAiCollectOptions): Promise<string[]> {
  const env = o.env ?? process.env;
  const key = secretFromEnv('OPENAI_ADMIN_KEY', env, (p) => readFileSync(p, 'utf8'));
  const base = (env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  const files: string[] = [];
  const window = wholeDays(o.start, o.end, o.now ?? new Date());
  for (const ep of o.endpoints ?? ['usage/completions', 'usage/embeddings', 'costs']) {
    const url = new URL(`${base}/organization/${ep}`);
    url.searchParams.set('start_time', String(window.start));
    if (window.end !== undefined) url.searchParams.set('end_time', String(window.end));
    url.searchParams.set('bucket_width', '1d');
    url.searchParams.set('limit', ep === 'costs' ? '180' : '31');
    const groups = ep === 'costs' ? ['line_item', 'project_id'] : ep === 'usage/completions' ? ['model', 'project_id', 'api_key_id', 'batch'] : ['model', 'project_id', 'api_key_id'];
    for (const g of groups) url.searchParams.append('group_by', g);
    const outFile = join(o.outDir, `openai-${ep.replace('/', '-')}.jsonl`);
    const pages = await fetchPages({ source: `OpenAI ${ep}`, url, headers: { Authorization: `Bearer ${key}` }, outFile, timeoutMs: o.timeoutMs });
    if (pages > 0) files.push(outFile);
  }
  return files;
}
