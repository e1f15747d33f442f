/**
 * `outlay tokens create|list|revoke`: API tokens for `outlay serve`. The token
 * is printed once (stdout, alone on its line) and stored only as a hash.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
// The roles from their own file: the store door loads DuckDB, and `register` needs only this list.
import { isRole, ROLES } from '../../store/metadata.ts';
import { parseFormat, render } from '../output.ts';
import { cliActor, withMetadata } from './admin-store.ts';

interface CreateFlags { name: string; role: string; team: string[]; expires?: string }

async function create(flags: CreateFlags, cmd: Command): Promise<void> {
  if (!isRole(flags.role)) throw new OutlayError('INPUT_INVALID', `--role ${flags.role}: use one of ${ROLES.join(', ')}`, { field: 'role', value: flags.role });
  const role = flags.role;
  const { createApiToken, parseDuration } = await import('../../server/auth/tokens.ts');
  const expiresInMs = flags.expires === undefined ? undefined : parseDuration(flags.expires, 'expires');
  const who = cliActor();
  const { token, info } = await withMetadata(cmd, async (meta) => {
    const made = await createApiToken(meta, { name: flags.name, role, teams: flags.team, expiresInMs, createdBy: who.actor });
    await meta.appendAudit({ ...who, action: 'token.create', target: made.info.name, details: { role, teams: made.info.teams, expiresAt: made.info.expiresAt } });
    return made;
  });
  process.stdout.write(`${token}\n`);
  process.stderr.write(`token "${info.name}" (${info.role}${info.teams.length ? `, teams ${info.teams.join(', ')}` : ''}${info.expiresAt ? `, expires ${info.expiresAt}` : ', no expiry'}): shown once, store it now\n`);
}

export function register(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for `outlay serve` (stop the server first: it holds the store file)');
  tokens
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--name <name>', 'unique name, e.g. grafana or ci-upload')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--team <team>', 'team a member or viewer sees (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--expires <duration>', 'lifetime, e.g. 12h, 90d, 1y (default: no expiry)')
    .action(create);
  tokens
    .command('list')
    .description('tokens (never their secrets)')
    .option('--all', 'include revoked tokens')
    .option('--format <fmt>', 'table, csv or json', 'table')
    .action(async (flags: { all?: boolean; format?: string }, cmd: Command) => {
      const format = parseFormat(flags.format);
      const list = await withMetadata(cmd, (meta) => meta.listTokens({ limit: 100_000, offset: 0 }, Boolean(flags.all)));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const rows = list.map((t) => ({ ...t, teams: t.teams.join(' '), status: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= new Date().toISOString() ? 'expired' : 'live' }));
      process.stdout.write(`${render(format, ['name', 'role', 'teams', 'status', 'createdAt', 'expiresAt', 'lastUsedAt', 'createdBy'], rows)}\n`);
    });
  tokens
    .command('revoke')
    .description('revoke a token by name')
    .argument('<name>')
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const who = cliActor();
      await withMetadata(cmd, async (meta) => {
        const info = await meta.revokeToken(name, new Date().toISOString());
        if (!info) throw new OutlayError('NOT_FOUND', `no live token named "${name}"`, { field: 'name', value: name });
        await meta.appendAudit({ ...who, action: 'token.revoke', target: name, details: { id: info.id } });
      });
      process.stdout.write(`revoked ${name}\n`);
    });
}
