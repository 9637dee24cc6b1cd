/**
 * `npm run bench:cluster -w hub`: POST /api/v1/process through nginx (scripts/cluster.sh) with 1 serve + 1 worker
 * against 2 + 2, blobs in s3rver; and 1 + 1 with a local blob directory, for the cost of S3 storage on the same
 * requests. CONCURRENCY clients send for SECONDS each run, after a warm-up. A fresh database of BENCH_MYSQL_URL
 * (default mysql://root@127.0.0.1:3307) per run. Prints a Markdown table.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { HubClient } from '@pixport/shared';
import { productOn } from '../src/processing/test-images.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3307';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT = Number(process.env.CLUSTER_PORT ?? 18_380);

interface Shape {
  serves: number;
  workers: number;
  store: 's3' | 'local';
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

async function measure(shape: Shape, image: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-bench-cluster-'));
  const name = `pixport_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\``);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const env = {
    ...process.env,
    PIXPORT_CLUSTER_DIR: dir,
    CLUSTER_PORT: String(PORT),
    CLUSTER_SERVES: String(shape.serves),
    CLUSTER_WORKERS: String(shape.workers),
    CLUSTER_BLOB_STORE: shape.store,
    CLUSTER_DATABASE_URL: url.toString(),
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
    await load(3);
    const latencies = await load(SECONDS);
    return { ...shape, rps: latencies.length / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await run(script, ['stop'], { env, timeout: 60_000 }).catch(() => undefined);
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.end();
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
  const results = [];
  for (const shape of shapes) results.push(await measure(shape, image));
  console.log(`\n${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; ${CONCURRENCY} clients, ${SECONDS} s per run\n`);
  console.log('| processes | blobs | req/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.serves} serve + ${r.workers} worker | ${r.store} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  const [one, two, local] = results;
  console.log(`\n2+2 / 1+1 throughput: ${(two!.rps / one!.rps).toFixed(2)}×; S3 / local p50 (1+1): ${(one!.p50 / local!.p50).toFixed(2)}×`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
