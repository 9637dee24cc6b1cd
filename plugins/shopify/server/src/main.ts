// Boot only: configuration, the server, signals.
import { loadConfig } from './config.js';
import { openAppServer } from './app-server.js';

const server = await openAppServer(loadConfig());
const url = await server.listen();
server.logger.info({ url }, 'Pixport Shopify app listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
