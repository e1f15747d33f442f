/**
 * OpenCost allocation API responses, saved (JSON) or pulled live
 * (`outlay collect opencost --url …`). See map.ts for the no-double-count rule.
 */
import type { Connector } from '../connector.ts';
import { JsonDoc, parseJson, readProbeText, stageRows } from '../row-stage/index.ts';
import { opencostRows, sniffOpenCost } from './map.ts';

export { collectOpenCost } from './live.ts';

export const openCostConnector: Connector = {
  id: 'opencost',
  label: 'OpenCost allocation API (JSON)',
  detect: (probe) => (probe.container === 'json' && sniffOpenCost(probe.head) ? 0.9 : 0),
  async stage(probe) {
    const doc = new JsonDoc(probe.path, parseJson(readProbeText(probe), probe.path));
    const { rows, allocations, steps } = opencostRows(doc);
    const file = stageRows({ path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format: 'opencost', replaceBy: 'charge-day' }, rows);
    const warning = allocations === 0
      ? `OpenCost answered no allocations (${steps} empty step(s)): nothing to load`
      : `${allocations} allocation(s) in ${steps} step(s): allocations of a bill carried elsewhere (BilledCost 0, amount in x_PricedCost)`;
    return { file, notes: { ignoredColumns: [], warnings: [warning] } };
  },
};
