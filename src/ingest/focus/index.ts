/**
 * FOCUS (FinOps Open Cost and Usage Specification) 1.0, 1.1 and 1.2 cost and
 * usage exports from any provider, as CSV (optionally gzip) or Parquet.
 */
import type { Connector } from '../connector.ts';
import { refuseMissingColumns } from '../missing-columns.ts';
import { composeStagedFile, probeMeta } from '../sql.ts';
import { focusScore, mapFocusHeader } from './columns.ts';
import { focusPlans } from './map.ts';

export const focusConnector: Connector = {
  id: 'focus',
  label: 'FOCUS 1.0–1.2 (CSV, gzip CSV, Parquet)',
  detect: (probe) => (probe.container === 'json' ? 0 : focusScore(probe.columns)),
  async stage(probe) {
    const header = mapFocusHeader(probe.columns);
    refuseMissingColumns(probe.path, 'FOCUS file', header.missingRequired);
    const plans = focusPlans(header, probe.path);
    const file = composeStagedFile(probeMeta(probe, 'focus', probe.physicalLines), probe.stage, plans);
    const warnings = header.ignored.length > 0 ? [`${header.ignored.length} column(s) not in FOCUS 1.2 were ignored: ${header.ignored.slice(0, 8).join(', ')}${header.ignored.length > 8 ? ' …' : ''}`] : [];
    // Oracle's FOCUS reports (the ones with oci_ columns) come as several files a day, each with new
    // lines: a later file adds to the month, and only a file of the same name replaces what it held.
    const incremental = probe.columns.some((c) => /^oci_/i.test(c.name));
    return { file: incremental ? { ...file, replaceBy: 'file' } : file, notes: { ignoredColumns: header.ignored, warnings } };
  },
};
