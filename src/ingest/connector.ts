import type { StagedFile } from '../store/index.ts';
import type { FileProbe } from './probe.ts';
import type { Scratch } from './scratch.ts';

/** What a connector says about a file it staged, for the ingest report. */
export interface StageNotes {
  /** Columns present in the file that Outlay does not keep. */
  readonly ignoredColumns: readonly string[];
  readonly warnings: readonly string[];
}

export interface Staged {
  readonly file: StagedFile;
  readonly notes: StageNotes;
}

/**
 * One source format. `detect` scores a probed file (0 = not mine, 1 = certain)
 * from its container and columns; the best score wins. `stage` returns the
 * DuckDB relations that turn the file into CostRecord rows.
 */
export interface Connector {
  readonly id: string;
  readonly label: string;
  detect(probe: FileProbe): number;
  stage(probe: FileProbe, scratch: Scratch, options?: ConnectorOptions): Promise<Staged>;
}

/** What `outlay ingest` passes through to a connector (e.g. --mapping for generic-csv). */
export interface ConnectorOptions {
  /** Path of a column-mapping file (generic-csv). */
  readonly mapping?: string;
}
