/**
 * `npm run bench:webhooks -w hub`: time from a task's success (its `finished_at`) to the receiver
 * getting the signed `task.succeeded` webhook, with an idle worker.
 *
 * One hub process (role `all`: HTTP and worker) and a receiver in this process on 127.0.0.1. Tasks
 * (`process`, a small image) are submitted one at a time, each after the previous webhook arrived.
 * Target: p50 < 100 ms. Run with TEST_DATABASE_URL=mysql://… for MariaDB (default: a temp SQLite file).
 */
import { HubClient } from '@pixport/shared';
import { Webhook } from 'standardwebhooks';
import { productOn } from '../src/processing/test-images.js';
import { startHubProcess } from '../src/test-support/hub-process.js';
import { createTestDatabase, tempDir } from '../src/test-support/test-database.js';
import { WebhookReceiver } from '../src/test-support/webhook-receiver.js';

const TASKS = Number(process.argv[2] ?? 50);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main() {
  const database = await createTestDatabase();
  const receiver = await WebhookReceiver.start();
  const hub = await startHubProcess({ DATABASE_URL: database.url, DATA_DIR: tempDir(), WEBHOOKS_ALLOW_PRIVATE: 'true', NODE_ENV: 'production' }, 'all');
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
    console.log(`Task success → signed webhook at the receiver (${database.dialect}, idle worker, ${latencies.length} tasks)\n`);
    console.log('| p50 ms | p90 ms | max ms |\n|---|---|---|');
    console.log(`| ${percentile(latencies, 50)} | ${percentile(latencies, 90)} | ${Math.max(...latencies)} |`);
    console.log(`\np50 ${percentile(latencies, 50)} ms (target < 100 ms): ${percentile(latencies, 50) < 100 ? 'PASS' : 'MISS'}`);
  } finally {
    await hub.stop();
    await receiver.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
