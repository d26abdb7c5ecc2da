import './threadpool.ts';
import { parseArgs } from 'node:util';
import { createLogger } from '../monitoring/logger.ts';
import { ROLES, type Role } from '../resolvers/principal.ts';
import { isBackupId } from '../storage/backup/backup.ts';
import { RestoreError, restoreBackup } from '../storage/backup/restore.ts';
import { runAgeClient } from './age-client.ts';
import { createAkosha, listen, VERSION } from './app.ts';
import { mintDevelopmentToken } from './auth.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createObjectStore } from './services.ts';
import { createStoreNode } from './store-node.ts';

// Entry point: `node server/main.ts` (npm start). Configuration comes from AKOSHA_* variables.

const USAGE = `usage:
  node server/main.ts                 start the server (npm start)
  node server/main.ts age --url URL --token JWT [--move ALL|HOT_TO_WARM|WARM_TO_COLD]
                        [--older-than-days N] [--systems a,b] [--dry-run]
                                      start a migration and follow it (AKOSHA_ROLE=age does the same
                                      with AKOSHA_API_URL and AKOSHA_API_TOKEN); exit 0 only on DONE
  node server/main.ts restore --backup ID|latest [--force]
                                      rebuild the data directory (AKOSHA_HOT_PATH, AKOSHA_WARM_PATH,
                                      AKOSHA_META_PATH) from a backup in the object store, checking
                                      every part first; --force moves an existing directory aside
  node server/main.ts token --role R [--sub NAME] [--ttl SECONDS] [--systems a,team-*]
                                      print a development token signed with the HS256 secret
                                      (AKOSHA_JWT_SECRET, or the generated one under AKOSHA_META_PATH)`;

async function printToken(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      systems: { type: 'string' },
    },
  });
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length > 0) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (config.jwksUrl || config.jwksFile)
    throw new UsageError('tokens can only be minted for the HS256 secret, not a JWKS');
  const ttlSeconds = Number(values.ttl ?? 3600);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1)
    throw new UsageError('--ttl must be a whole number of seconds');
  const token = await mintDevelopmentToken(config, {
    sub: values.sub ?? `dev-${roles[0]}`,
    roles: roles as Role[],
    ttlSeconds,
    systems: values.systems?.split(',').filter(Boolean),
  });
  process.stdout.write(`${token}\n`);
}

async function runAge(config: Config, args: string[]): Promise<never> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      move: { type: 'string' },
      'older-than-days': { type: 'string' },
      systems: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const url = values.url ?? config.apiUrl;
  const token = values.token ?? config.apiToken;
  if (!url || !token)
    throw new UsageError('age needs --url and --token (or AKOSHA_API_URL and AKOSHA_API_TOKEN)');
  const move = (values.move ?? 'ALL').toUpperCase();
  if (move !== 'ALL' && move !== 'HOT_TO_WARM' && move !== 'WARM_TO_COLD') {
    throw new UsageError('--move must be ALL, HOT_TO_WARM or WARM_TO_COLD');
  }
  const days = values['older-than-days'] === undefined ? undefined : Number(values['older-than-days']);
  if (days !== undefined && !(Number.isInteger(days) && days >= 0))
    throw new UsageError('--older-than-days must be a whole number');
  const code = await runAgeClient({
    url: url.endsWith('/graphql') ? url : `${url.replace(/\/$/, '')}/graphql`,
    token,
    move,
    olderThanDays: days,
    systemIds: values.systems?.split(',').filter(Boolean),
    dryRun: values['dry-run'],
    out: process.stdout,
  });
  process.exit(code);
}

async function runRestore(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { backup: { type: 'string' }, force: { type: 'boolean' } } });
  if (!values.backup) throw new UsageError('restore needs --backup ID (or latest)');
  if (values.backup !== 'latest' && !isBackupId(values.backup))
    throw new UsageError('--backup must be a backup id such as backup-20261201030000-1a2b3c4d, or latest');
  const objects = createObjectStore(config);
  try {
    const manifest = await restoreBackup({
      objects,
      backup: values.backup,
      paths: config.storage,
      force: values.force ?? false,
      now: new Date(),
    });
    process.stdout.write(
      `restored ${manifest.id} (${manifest.parts.length} parts, taken ${manifest.createdAt}); the next start checks it against its manifest\n`,
    );
  } catch (err) {
    if (err instanceof RestoreError) {
      process.stderr.write(`akosha: restore refused: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  } finally {
    objects.close();
  }
}

class UsageError extends Error {}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`akosha: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'token') return printToken(config, rest);
  if (command === 'restore') return runRestore(config, rest);
  if (command === 'age' || (command === undefined && config.role === 'age')) return runAge(config, rest);
  if (command !== undefined) throw new UsageError(`unknown command ${command}`);
  const logger = createLogger(config.logLevel);
  const akosha =
    config.role === 'store'
      ? await createStoreNode(config, logger, { version: VERSION })
      : await createAkosha(config, logger);
  const http = await listen(akosha, config.host, config.port);
  logger.info('akosha listening', { url: http.url, role: config.role, hotPath: config.storage.hotPath });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await http.stop();
    await akosha.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`akosha: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`akosha: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
