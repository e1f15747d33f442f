import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OutlayError } from '../core/index.ts';

const DATA_FILE = /\.(csv|parquet|json|jsonl|ndjson|txt|xml|prom)(\.gz)?$|\.gz$/i;

/**
 * Expands files and folders (recursively) into the data files to ingest,
 * absolute and sorted, skipping hidden files, manifests of other tools'
 * metadata and our own ground truth.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (DATA_FILE.test(name) && name !== 'ground-truth.json' && !/manifest\.json$/i.test(name)) out.add(p);
    }
  };
  for (const input of inputs) {
    const p = resolve(input);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new OutlayError('INGEST_IO', `${input}: no such file or folder`, { file: input });
    }
    if (st.isDirectory()) walk(p);
    else out.add(p);
  }
  return [...out].sort();
}
