/**
 * Generic CSV feeds (internal chargeback, vendors without a connector),
 * mapped onto CostRecord by a small JSON file: `outlay ingest --mapping map.json feed.csv`.
 * Cast and checked set-based in DuckDB with the same plans as FOCUS, so a bad
 * cell is refused with its line and column.
 */
import { OutlayError } from '../../core/index.ts';
import type { Connector } from '../connector.ts';
import { composeStagedFile, probeMeta } from '../sql.ts';
import { feedPlans } from './map.ts';
import { readMapping } from './mapping.ts';

export const genericCsvConnector: Connector = {
  id: 'generic-csv',
  label: 'Generic CSV with a mapping file (--mapping map.json)',
  detect: () => 0,
  async stage(probe, _scratch, options) {
    if (!options?.mapping) throw new OutlayError('INPUT_INVALID', `${probe.path}: generic-csv needs a mapping file (outlay ingest --mapping map.json ${probe.path})`, { file: probe.path, field: 'mapping' });
    if (probe.container !== 'csv') throw new OutlayError('INGEST_UNKNOWN_FORMAT', `${probe.path}: --mapping reads CSV files only`, { file: probe.path });
    const mapping = readMapping(options.mapping);
    const { plans, ignored } = feedPlans(probe, mapping);
    const file = composeStagedFile(probeMeta(probe, 'generic-csv', probe.physicalLines), probe.stage, plans);
    return { file, notes: { ignoredColumns: ignored, warnings: ignored.length ? [`${ignored.length} column(s) not mapped: ${ignored.slice(0, 8).join(', ')}`] : [] } };
  },
};
