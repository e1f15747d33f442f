/**
 * `outlay serve`: the HTTP API on the store, until SIGINT/SIGTERM. Prints the
 * URL on stdout once it accepts connections. The server holds the store file
 * (DuckDB: one process per file), so create tokens before, or with
 * --bootstrap-token, or through the API.
 */
import type { Command } from 'commander';
import { jsonLogger } from '../../core/index.ts';
import { installPriceOverrides, storeMemoryLimit, storePath } from '../context.ts';
import { cliActor } from './admin-store.ts';

interface ServeFlags { host?: string; port?: string; config?: string; tlsCert?: string; tlsKey?: string; bootstrapToken?: boolean }

const BOOTSTRAP_TTL_MS = 24 * 3600 * 1000;

async function serve(flags: ServeFlags, cmd: Command): Promise<void> {
  const { createApiToken, loadServerConfig, startServer } = await import('../../server/index.ts');
  const { openStore } = await import('../../store/index.ts');
  const config = loadServerConfig({
    file: flags.config,
    env: process.env,
    overrides: [[['host'], flags.host], [['port'], flags.port], [['tls', 'cert'], flags.tlsCert], [['tls', 'key'], flags.tlsKey]],
  });
  const logger = jsonLogger(config.logLevel, (line) => process.stderr.write(line));
  await installPriceOverrides(config.priceOverrides ?? ''); // before the first upload is priced
  const store = await openStore({ path: storePath(cmd), memoryLimit: storeMemoryLimit() });
  const meta = store.metadata();
  if (flags.bootstrapToken) {
    const who = cliActor();
    const name = `bootstrap-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
    const { token, info } = await createApiToken(meta, { name, role: 'admin', teams: [], expiresInMs: BOOTSTRAP_TTL_MS, createdBy: who.actor });
    await meta.appendAudit({ ...who, action: 'token.create', target: name, details: { role: 'admin', bootstrap: true, expiresAt: info.expiresAt } });
    process.stderr.write(`bootstrap admin token "${name}" (expires ${info.expiresAt}; shown once):\n`);
    process.stdout.write(`${token}\n`);
  }
  const server = await startServer({ store, meta, config, logger });
  process.stdout.write(`outlay API listening on ${server.url} (reference: ${server.url}/api/v1/docs)\n`);
  const signal = await new Promise<string>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s));
  });
  logger.info('stopping', { signal });
  await server.close();
  await store.close();
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1, /metrics, /healthz) on this store until interrupted')
    .option('--host <host>', 'address to listen on (default 127.0.0.1: loopback only)')
    .option('--port <port>', 'port (default 8787; 0 = any free port)')
    .option('--config <file>', 'JSON configuration file (see docs/configuration.md)')
    .option('--tls-cert <pem>', 'certificate file: serve HTTPS (with --tls-key)')
    .option('--tls-key <pem>', 'private key file')
    .option('--bootstrap-token', 'create an admin token valid for 24 h and print it once before serving')
    .action(serve);
}
