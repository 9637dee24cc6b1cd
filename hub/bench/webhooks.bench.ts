/**
 * `npm run bench:webhooks -w hub`: time from a task's success (its `finished_at`) to the receiver
 * getting the signed `task.succeeded` webhook, with an idle worker.
 *
 * One hub process (role `all`: HTTP and worker) and a receiver in this process on 127.0.0.1. Tasks
 * (`process`, a small image) are submitted one at a time, each after the previous webhook arrived.
 * Target: p50 < 100 ms. On SQLite (a temp file) and on MariaDB (BENCH_MYSQL_URL, else one started here).
 * Writes bench-results/webhooks.json.
 */
import { HubClient } from '@pixport/shared';
import { Webhook } from 'standardwebhooks';
import { productOn } from '../src/processing/test-images.js';
import { startHubProcess } from '../src/test-support/hub-process.js';
import { tempDir } from '../src/test-support/test-database.js';
import { benchResult, sized } from '../../bench/lib/result.js';
import { freshMariaDb, mariaDbServer, percentile } from '../../bench/lib/servers.js';
import { WebhookReceiver } from '../src/test-support/webhook-receiver.js';

const TASKS = Number(process.argv[2] ?? sized(50, 5));

async function measureOn(databaseUrl: string): Promise<number[]> {
  const receiver = await WebhookReceiver.start();
  const hub = await startHubProcess(
    // Enough credits for every task of the run, whatever the default plan gives a new account.
    { DATABASE_URL: databaseUrl, DATA_DIR: tempDir(), WEBHOOKS_ALLOW_PRIVATE: 'true', NODE_ENV: 'production', DEFAULT_PLAN: 'enterprise' },
    'all',
  );
  try {
    const owner = new HubClient({ baseUrl: hub.url });
    await owner.signup({ email: 'bench@example.test', password: 'benchmark password', name: 'Bench' });
    const { key } = await owner.createKey({ name: 'bench' });
    const api = new HubClient({ baseUrl: hub.url, apiKey: key });
    const { secret } = await api.createWebhook({ url: `${receiver.url}/hook`, events: ['task.succeeded'] });
    const verifier = new Webhook(secret);
    const image = await productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });

    const latencies: number[] = [];
    for (let i = 0; i < TASKS + 3; i++) {
      const task = await api.submitTask('process', { image: { data: image, filename: 'shoe.jpg' } }, { width: 200, height: 200 }, { wait: 30 });
      if (task.status !== 'succeeded' || !task.finished_at) throw new Error(`task ${task.id} ended ${task.status}`);
      const arrived = (await receiver.waitFor(i + 1))[i]!;
      const payload = verifier.verify(arrived.body, arrived.headers) as { task_id: string };
      if (payload.task_id !== task.id) throw new Error('webhooks arrived out of order');
      if (i >= 3) latencies.push(arrived.at - Date.parse(task.finished_at)); // the first few warm up
    }
    return latencies;
  } finally {
    await hub.stop();
    await receiver.close();
  }
}

async function main() {
  const out = benchResult('webhooks', 'Webhook latency', 'npm run bench:webhooks -w hub');
  const sqlite = await measureOn(`sqlite:${tempDir()}/webhooks.sqlite`);
  const server = mariaDbServer();
  const database = await freshMariaDb(server.url);
  const mariaDb = await measureOn(database.url).finally(async () => {
    await database.drop();
    server.stop();
  });
  const row = (name: string, values: number[]) => [name, percentile(values, 50), percentile(values, 90), Math.max(...values)];
  out.table(`Task success → signed webhook at the receiver (idle worker, ${TASKS} tasks after 3 warm-up ones)`, ['database', 'p50 ms', 'p90 ms', 'max ms'], [row('SQLite', sqlite), row('MariaDB', mariaDb)]);
  out.ratio('SQLite p50 / 100 ms budget', percentile(sqlite, 50) / 100, '< 1');
  out.ratio('MariaDB p50 / 100 ms budget', percentile(mariaDb, 50) / 100, '< 1');
  out.write();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
