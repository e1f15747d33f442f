/**
 * The manifest AWS writes beside a CUR delivery (`<report>-Manifest.json`,
 * legacy: in the billing-period folder above the assembly folder; CUR 2.0: in
 * the metadata folder). Where one names this file, it is used to check the
 * delivery: the header must hold the manifest's columns, and every report
 * part it lists should be there, or the month would load incomplete.
 * A missing or unreadable manifest is not an error: CURs are often copied
 * without one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { curName } from './columns.ts';

interface Manifest {
  readonly columns?: ReadonlyArray<{ category?: string; name?: string }>;
  readonly reportKeys?: readonly string[];
  readonly dataFiles?: readonly string[];
}

function candidates(path: string): string[] {
  const dirs = [dirname(path), dirname(dirname(path)), join(dirname(dirname(dirname(path))), 'metadata')];
  const out: string[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const n of readdirSync(d)) if (/manifest\.json$/i.test(n)) out.push(join(d, n));
  }
  return out;
}

function readManifest(p: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as unknown;
    return m && typeof m === 'object' ? (m as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/** Warnings about this CUR file from its manifest, if one lists it. */
export async function manifestWarnings(path: string, header: readonly string[]): Promise<string[]> {
  const name = basename(path);
  for (const mp of candidates(path)) {
    const m = readManifest(mp);
    const keys = [...(m?.reportKeys ?? []), ...(m?.dataFiles ?? [])];
    if (!m || !keys.some((k) => k.endsWith(`/${name}`) || k === name)) continue;
    const warnings: string[] = [];
    const have = new Set(header.map(curName));
    const want = (m.columns ?? []).map((c) => curName(c.category ? `${c.category}/${c.name ?? ''}` : (c.name ?? '')));
    const absent = want.filter((w) => w && !have.has(w));
    if (absent.length > 0) warnings.push(`${name}: ${absent.length} column(s) listed in ${basename(mp)} are missing from the file: ${absent.slice(0, 5).join(', ')}`);
    const here = dirname(path);
    const missingParts = keys.filter((k) => !existsSync(join(here, basename(k))));
    if (missingParts.length > 0) warnings.push(`${basename(mp)} lists ${keys.length} report file(s); ${missingParts.length} not found beside ${name} (${basename(missingParts[0] ?? '')} …): the billing period may load incomplete`);
    return warnings;
  }
  return [];
}
