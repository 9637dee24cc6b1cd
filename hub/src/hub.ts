import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/data-source.js';
import { createLogger, type Logger } from './logger.js';
import { createServices, type Services } from './services/index.js';

export interface Hub {
  config: Config;
  logger: Logger;
  db: DataSource;
  services: Services;
  app: ReturnType<typeof createApp>['app'];
  /** Starts the HTTP server; resolves with its URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: no new connections, in-flight requests finish, buffers flushed, database closed. */
  close(): Promise<void>;
}

export async function openHub(config: Config, logger = createLogger(config.logLevel)): Promise<Hub> {
  const db = await openDatabase(config);
  const services = createServices(db, config, logger);
  const { app } = createApp({ config, logger, db, services });
  let server: http.Server | undefined;

  return {
    config,
    logger,
    db,
    services,
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
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        const timeout = setTimeout(() => server?.closeAllConnections(), config.shutdownTimeoutMs);
        await closing;
        clearTimeout(timeout);
      }
      await services.close();
      if (db.isInitialized) await db.destroy();
    },
  };
}
