/**
 * The DCGM exporter samples as one OpenMetrics file for `promtool tsdb
 * create-blocks-from openmetrics`: OpenMetrics wants each metric family's
 * samples together, so each family is streamed to its own part file month by
 * month and the parts are joined, with their HELP/TYPE lines and `# EOF`, at
 * the end. Lines come from DuckDB in chunks, so memory stays bounded.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { dcgmLines } from './native-cluster.ts';

const FAMILIES = {
  util: '# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n',
  fb: '# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).\n# TYPE DCGM_FI_DEV_FB_USED gauge\n',
} as const;
type Family = keyof typeof FAMILIES;

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function end(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export class DcgmFile {
  /** Samples per metric written so far (= GPU-hours at a 1-hour step). */
  points = 0;
  private parts: Record<Family, WriteStream> | undefined;

  constructor(readonly path: string) {}

  /** Appends the DCGM samples of a month's on-prem chargeback rows from `from` (UTC 'YYYY-MM-DD HH:MM:SS') on. */
  async append(conn: DuckDBConnection, chargebackPath: string, from: string): Promise<void> {
    if (!this.parts) {
      await mkdir(dirname(this.path), { recursive: true });
      this.parts = { util: createWriteStream(`${this.path}.util`), fb: createWriteStream(`${this.path}.fb`) };
    }
    for (const family of Object.keys(FAMILIES) as Family[]) {
      const result = await conn.stream(dcgmLines(chargebackPath, from, family));
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const lines = chunk.getColumnValues(0) as string[];
        if (family === 'util') this.points += lines.length;
        await write(this.parts[family], `${lines.join('\n')}\n`);
      }
    }
  }

  /** Joins the families into the OpenMetrics file; false when nothing was written. */
  async close(): Promise<boolean> {
    const parts = this.parts;
    if (!parts) return false;
    const out = createWriteStream(this.path);
    for (const family of Object.keys(FAMILIES) as Family[]) {
      await end(parts[family]);
      await write(out, FAMILIES[family]);
      for await (const chunk of createReadStream(`${this.path}.${family}`)) await write(out, (chunk as Buffer).toString('latin1'));
      await rm(`${this.path}.${family}`, { force: true });
    }
    out.end('# EOF\n');
    await once(out, 'finish');
    return true;
  }
}
