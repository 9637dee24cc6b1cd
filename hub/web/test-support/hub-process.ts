/**
 * A real test hub in its own Node process (run with tsx), for tests whose own environment is jsdom.
 * Prints `{"url": …}` once listening; closes the hub and its database on SIGTERM.
 */
import { startTestHub } from '../../src/test-support/test-hub.js';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const hub = await startTestHub(overrides);
process.stdout.write(`${JSON.stringify({ url: hub.url })}\n`);
process.once('SIGTERM', () => {
  void hub.close().finally(() => process.exit(0));
});
