/**
 * `npm run bench:cluster -w hub`: POST /api/v1/process through nginx (scripts/cluster.sh) with 1 serve + 1 worker
 * against 2 + 2, blobs in s3rver; and 1 + 1 with a local blob directory, for the cost of S3 storage on the same
 * requests. CONCURRENCY clients send for SECONDS each run, after a warm-up. A fresh database of BENCH_MYSQL_URL
 * (else a MariaDB started here) per run. Writes bench-results/cluster.json.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { HubClient } from '@pixport/shared';
import { productOn } from '../src/processing/test-images.js';
import { benchResult, sized } from '../../bench/lib/result.js';
import { freePort, freshMariaDb, mariaDbServer, percentile } from '../../bench/lib/servers.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? sized(15, 2));
const WARM_UP = sized(3, 1);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Shape {
  serves: number;
  workers: number;
  store: 's3' | 'local';
}


async function measure(server: string, shape: Shape, image: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-cluster-'));
  const database = await freshMariaDb(server);
  // nginx on PORT, serve-i on PORT+i, s3rver on PORT+50 (scripts/cluster.sh): a free port with room above it.
  const PORT = Number(process.env.CLUSTER_PORT ?? (await freePort()) % 10_000 + 20_000);
  const env = {
    ...process.env,
    PIXPORT_CLUSTER_DIR: dir,
    CLUSTER_PORT: String(PORT),
    CLUSTER_SERVES: String(shape.serves),
    CLUSTER_WORKERS: String(shape.workers),
    CLUSTER_BLOB_STORE: shape.store,
    CLUSTER_DATABASE_URL: database.url,
    RATE_LIMITS: 'false',
    DEFAULT_PLAN: 'enterprise',
  };
  const script = path.join(root, 'scripts/cluster.sh');
  try {
    const lb = (await run(script, ['start'], { env, timeout: 300_000 })).stdout.trim();
    const owner = new HubClient({ baseUrl: lb });
    await owner.signup({ email: `bench-${crypto.randomBytes(4).toString('hex')}@example.test`, password: 'a long password 1', name: 'Bench' });
    const { key } = await owner.createKey({ name: 'bench' });
    const send = async () => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(image)]), 'shot.png');
      form.append('width', '200');
      form.append('height', '200');
      const started = performance.now();
      const response = await fetch(`${lb}/api/v1/process`, { method: 'POST', headers: { 'X-API-Key': key }, body: form });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      return performance.now() - started;
    };
    const load = async (seconds: number) => {
      const latencies: number[] = [];
      const until = performance.now() + seconds * 1000;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (performance.now() < until) latencies.push(await send()); }));
      return latencies;
    };
    await load(WARM_UP);
    const latencies = await load(SECONDS);
    return { ...shape, rps: latencies.length / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await run(script, ['stop'], { env, timeout: 60_000 }).catch(() => undefined);
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const image = await productOn('#ffffff', { width: 480, height: 360 }, { left: 140, top: 90, width: 200, height: 180 }, 'png');
  const shapes: Shape[] = [
    { serves: 1, workers: 1, store: 's3' },
    { serves: 2, workers: 2, store: 's3' },
    { serves: 1, workers: 1, store: 'local' },
  ];
  const out = benchResult('cluster', 'Cluster through nginx', 'npm run bench:cluster');
  const mariaDb = mariaDbServer();
  const results = [];
  try {
    for (const shape of shapes) results.push(await measure(mariaDb.url, shape, image));
  } finally {
    mariaDb.stop();
  }
  console.log(`\n${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; ${CONCURRENCY} clients, ${SECONDS} s per run\n`);
  console.log('| processes | blobs | req/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.serves} serve + ${r.workers} worker | ${r.store} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  const [one, two, local] = results;
  console.log(`\n2+2 / 1+1 throughput: ${(two!.rps / one!.rps).toFixed(2)}×; S3 / local p50 (1+1): ${(one!.p50 / local!.p50).toFixed(2)}×`);
  out.table(
    `POST /api/v1/process (a 480×360 PNG into 200×200, result stored) through nginx, ${CONCURRENCY} clients, ${SECONDS} s per shape after ${WARM_UP} s warm-up, a fresh MariaDB database each`,
    ['processes', 'blobs', 'req/s', 'p50 ms', 'p99 ms'],
    results.map((r) => [`${r.serves} serve + ${r.workers} worker`, r.store, Number(r.rps.toFixed(1)), Number(r.p50.toFixed(1)), Number(r.p99.toFixed(1))]),
  );
  out.ratio('2+2 / 1+1 throughput', two!.rps / one!.rps);
  out.ratio('S3 / local p50 (1+1)', one!.p50 / local!.p50, '≤ 1.2');
  out.write();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
