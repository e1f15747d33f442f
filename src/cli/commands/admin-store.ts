/**
 * Opening the store for administrative commands (tokens, audit). DuckDB lets
 * one process hold the file, so while `outlay serve` runs these commands
 * cannot open it: say what to do instead.
 */
import { hostname, userInfo } from 'node:os';
import type { Command } from 'commander';
import { isOutlayError, OutlayError } from '../../core/index.ts';
import type { MetadataStore, Store } from '../../store/index.ts';
import { storePath } from '../context.ts';

export async function withMetadata<T>(cmd: Command, fn: (meta: MetadataStore, store: Store) => Promise<T>): Promise<T> {
  const path = storePath(cmd);
  const { openStore } = await import('../../store/index.ts');
  const store = await openStore({ path }).catch((e: unknown) => {
    if (isOutlayError(e) && e.code === 'STORE_LOCKED') {
      throw new OutlayError('STORE_LOCKED',
        `store ${path} is held by another process${typeof e.details.pid === 'number' ? ` (${e.details.pid})` : ''} (is \`outlay serve\` running on it?). Stop it first, or use the API with an admin token: POST/GET/DELETE /api/v1/tokens, GET /api/v1/audit/verify`,
        { file: path }, { cause: e });
    }
    throw e;
  });
  try {
    return await fn(store.metadata(), store);
  } finally {
    await store.close();
  }
}

/** The audit log's "who" and "from where" for a command run by hand. */
export function cliActor(): { actor: string; origin: string } {
  let user = 'unknown';
  try { user = userInfo().username; } catch { /* no passwd entry (containers) */ }
  return { actor: `cli:${user}`, origin: `cli@${hostname()}` };
}
