/**
 * One name per GPU model. Drivers, DCGM and bills each spell a GPU their own
 * way ("NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-80GB", "Tesla T4", GCP's
 * "Nvidia Tesla A100 GPU running in Americas"); the catalogue names it once
 * ("NVIDIA H100", "NVIDIA A100 80GB", "NVIDIA T4"). Every importer that sets
 * x_GpuModel goes through here, so grouping by GPU type does not split one
 * model in two and telemetry GPU-hours are priced with the bill's GPUs.
 *
 * Memory size is kept only where the catalogue prices the sizes apart (A100
 * 40/80 GB, V100 16/32 GB). Models the catalogue lacks still get one spelling
 * (GH200, L40, A30 …) so they group; a name that matches nothing is kept as
 * the source wrote it.
 */

/**
 * First match wins, so longer names come before their prefixes (GH200 before
 * H200, L40S before L40 before L4, A10G before A10). Patterns are written for
 * both JavaScript and DuckDB's RE2, matched case-insensitively.
 */
const MODELS: readonly (readonly [string, string])[] = [
  ['\\bGH200\\b', 'NVIDIA GH200'], ['\\bGB200\\b', 'NVIDIA GB200'], ['\\bGB300\\b', 'NVIDIA GB300'],
  ['\\bH200\\b', 'NVIDIA H200'], ['\\bH100\\b', 'NVIDIA H100'], ['\\bH800\\b', 'NVIDIA H800'], ['\\bH20\\b', 'NVIDIA H20'],
  ['\\bB300\\b', 'NVIDIA B300'], ['\\bB200\\b', 'NVIDIA B200'],
  ['\\bA100\\b.*\\b80\\s*GB', 'NVIDIA A100 80GB'], ['\\bA100\\b', 'NVIDIA A100 40GB'], ['\\bA800\\b', 'NVIDIA A800'],
  ['\\bL40S\\b', 'NVIDIA L40S'], ['\\bL40\\b', 'NVIDIA L40'], ['\\bL4\\b', 'NVIDIA L4'],
  ['\\bA10G\\b', 'NVIDIA A10G'], ['\\bA10\\b', 'NVIDIA A10'], ['\\bA30\\b', 'NVIDIA A30'], ['\\bA40\\b', 'NVIDIA A40'],
  ['\\bT4\\b', 'NVIDIA T4'],
  ['\\bV100S?\\b.*\\b32\\s*GB', 'NVIDIA V100 32GB'], ['\\bV100S\\b', 'NVIDIA V100 32GB'], ['\\bV100\\b', 'NVIDIA V100 16GB'],
  ['\\bP100\\b', 'NVIDIA P100'], ['\\bP40\\b', 'NVIDIA P40'], ['\\bP4\\b', 'NVIDIA P4'], ['\\bK80\\b', 'NVIDIA K80'],
];

const COMPILED = MODELS.map(([re, name]) => [new RegExp(re, 'i'), name] as const);

/**
 * The catalogue's name for a GPU as a driver, exporter or bill spells it;
 * null when it names no known model.
 * @example catalogueGpuModel('NVIDIA H100 80GB HBM3') // 'NVIDIA H100'
 * @example catalogueGpuModel('NVIDIA A100-SXM4-80GB') // 'NVIDIA A100 80GB'
 */
export function catalogueGpuModel(name: string | null | undefined): string | null {
  if (!name) return null;
  return COMPILED.find(([re]) => re.test(name))?.[1] ?? null;
}

/** What x_GpuModel holds for a device name: the catalogue's name, else the name as written. */
export function gpuModelName(name: string | null | undefined): string | null {
  const n = name?.trim();
  return n ? catalogueGpuModel(n) ?? n : null;
}

/**
 * Form factor named in a device name ("NVIDIA H100 PCIe", "H100 NVL",
 * "A100-SXM4-40GB"), in the on-prem catalogue's spelling prefix, so the right
 * TDP row is used; null when the name does not say.
 */
export function gpuFormFactor(name: string | null | undefined): 'PCIe' | 'SXM' | 'NVL' | null {
  if (!name) return null;
  if (/\bNVL\b/i.test(name)) return 'NVL';
  if (/\bPCIE\b/i.test(name)) return 'PCIe';
  if (/\bSXM\d*\b/i.test(name)) return 'SXM';
  return null;
}

/** The same mapping as a DuckDB expression over a text expression (NULL where nothing matches). */
export function catalogueGpuModelSql(expr: string): string {
  const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  return `CASE ${MODELS.map(([re, name]) => `WHEN regexp_matches(${expr}, ${lit(`(?i)${re}`)}) THEN ${lit(name)}`).join(' ')} END`;
}
