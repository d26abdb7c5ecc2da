import { createLogger } from '../monitoring/logger.ts';
import { createAkosha, listen } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

// Entry point: `node server/main.ts` (npm start). Configuration comes from AKOSHA_* variables.

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
  const logger = createLogger(config.logLevel);
  const akosha = await createAkosha(config, logger);
  const http = await listen(akosha, config.host, config.port);
  logger.info('akosha listening', { url: http.url, role: config.role, hotPath: config.hotPath });
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
  process.stderr.write(`akosha: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
