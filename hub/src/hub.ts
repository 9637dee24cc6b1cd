import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { ConfigError, type Config } from './config.js';
import { openDatabase } from './db/data-source.js';
import { prepareDataDir } from './data-dir.js';
import { closeSegmentation, configureSegmentation, configureWorkDir, sweepWorkDirs } from './processing/index.js';
import { createLogger, type Logger } from './logger.js';
import { compose, type ServiceOptions, type Services } from './composition.js';
import type { JobQueue } from './jobs/queue/job-queue.js';
import { checkBlobStoreAtStart } from './storage/create-blob-store.js';

export interface Hub {
  config: Config;
  logger: Logger;
  db: DataSource;
  services: Services;
  jobs: JobQueue;
  app: ReturnType<typeof createApp>['app'];
  /** Starts the HTTP server; resolves with its URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: no new connections, in-flight requests finish, buffers flushed, database closed. */
  close(): Promise<void>;
}

export interface HubOptions {
  logger?: Logger;
  /** Run jobs in this process (roles `all` and `worker`); every process can enqueue. Default true. */
  runJobs?: boolean;
  /** Passed to the services (see ServiceOptions): tests only. */
  services?: ServiceOptions;
}

export async function openHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config.logLevel);
  prepareDataDir(config);
  // ffmpeg's work folders under DATA_DIR/tmp: what a crash left is swept at start and every few minutes.
  configureWorkDir(path.join(config.dataDir, 'tmp'));
  const sweepWork = () => void sweepWorkDirs().catch((error: unknown) => logger.warn({ err: error }, 'could not sweep work folders'));
  sweepWork();
  const workSweeper = setInterval(sweepWork, 5 * 60_000).unref();
  // The learned background-removal engine loads once per process, here: a bad model fails the start.
  await configureSegmentation(config.segmentation).catch((error: unknown) => {
    throw new ConfigError([`SEGMENTATION_ENGINE_DIR / SEGMENTATION_MODEL_PATH: ${(error as Error).message}`]);
  });
  const db = await openDatabase(config);
  const { queue: jobs, services } = compose(db, config, logger, options.services);
  await checkBlobStoreAtStart(services.blobs, logger).catch(async (error: unknown) => {
    await services.close();
    await db.destroy();
    throw error;
  });
  if (options.runJobs ?? true) await jobs.start();
  else await jobs.agenda.ready;
  const { app } = createApp({ config, logger, db, services });
  let server: http.Server | undefined;

  return {
    config,
    logger,
    db,
    services,
    jobs,
    app,
    async listen(port = config.port, host = config.host) {
      server = http.createServer(app.callback());
      // Slow clients cannot hold sockets forever; uploads get a generous window.
      server.requestTimeout = 120_000;
      server.headersTimeout = 30_000;
      server.keepAliveTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${address.port}`;
    },
    async close() {
      clearInterval(workSweeper);
      await closeSegmentation();
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        const timeout = setTimeout(() => server?.closeAllConnections(), config.shutdownTimeoutMs);
        await closing;
        clearTimeout(timeout);
      }
      await jobs.stop(config.shutdownTimeoutMs);
      await services.close();
      if (db.isInitialized) await db.destroy();
    },
  };
}
