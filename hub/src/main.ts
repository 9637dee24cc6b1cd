#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { openHub } from './hub.js';
import { createLogger } from './logger.js';
import { startBanner } from './start-banner.js';

/** Boot only: parse config, open the hub in the requested role, stop gracefully on SIGTERM/SIGINT. */
const ROLES = ['all', 'serve', 'worker'] as const;
type Role = (typeof ROLES)[number];

async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!ROLES.includes(role)) {
    console.error(`Unknown role "${role}". Use one of: ${ROLES.join(', ')}.`);
    process.exit(2);
  }
  // Files the hub creates (database, blobs, keys, temp files) are the service user's alone.
  process.umask(0o077);
  const { config, logger, hub } = await open(role);
  const url = role === 'worker' ? undefined : await hub.listen();
  const { needs_setup: fresh } = await hub.services.auth.setupStatus();
  logger.info({ role, url, database: config.database.type, data_dir: config.dataDir, fresh }, 'pixport hub started');
  if (url && config.startBanner) process.stdout.write(startBanner(config, { url, fresh }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await hub.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Configuration and data directory problems (ConfigError) exit 78 (EX_CONFIG) with their message. */
async function open(role: Role) {
  try {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const hub = await openHub(config, { logger, runJobs: role !== 'serve' });
    return { config, logger, hub };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error('pixport hub failed to start:', error);
  process.exit(1);
});
