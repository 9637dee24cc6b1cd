/**
 * `npm run bench:attack -w hub`: the memory and time of two attacks from the outside attack run (issue 15),
 * against a real `hub serve` process (temp SQLite), its memory read from /proc/<pid>/status every 10 ms:
 *   uploads  — 8 parallel unauthenticated `POST /healthz` and `POST /api/v1/process`, 4 × 24 MB files each
 *              (target: the process grows < 50 MB; before, the multipart parser kept every file);
 *   decodes  — 8 parallel 49 MP PNGs (7000 × 7000, flat, ~150 KB each, under the 50 MP limit) on
 *              `POST /api/v1/relight/shadow` with a valid key: wall time, highest RSS, the statuses.
 * Linux only (/proc). Extra hub variables can be passed in the environment (SYNC_DECODE_*).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { HubClient } from '@pixport/shared';
import { startHubProcess } from '../src/test-support/hub-process.js';
import { createTestDatabase, tempDir } from '../src/test-support/test-database.js';
import { benchResult, sized } from '../../bench/lib/result.js';

const FILE_MB = sized(24, 2);
const SIDE = sized(7000, 2000);

const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Runs `work` while sampling the process's RSS; returns its result, the RSS before and the highest seen. */
async function sampled<T>(pid: number, work: () => Promise<T>) {
  const before = rssMb(pid);
  let highest = before;
  const timer = setInterval(() => (highest = Math.max(highest, rssMb(pid))), 10);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return { result, before, highest: Math.max(highest, rssMb(pid)), seconds };
}

/** A flat RGB PNG of width × height, written directly (identical rows deflate to a few hundred KB). */
function flatPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framing = Buffer.alloc(8);
    framing.writeUInt32BE(data.length, 0);
    framing.writeUInt32BE(zlib.crc32(body), 4);
    return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, standard filters, no interlace
  const rowBytes = 1 + width * 3;
  const raw = Buffer.alloc(rowBytes * height, 0xf0);
  for (let y = 0; y < height; y++) raw[y * rowBytes] = 0; // filter type None
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

async function main() {
  const out = benchResult('attack', 'Memory under two attacks', 'npm run bench:attack -w hub');
  const database = await createTestDatabase();
  const dataDir = tempDir();
  const hub = await startHubProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir, RATE_LIMIT_SCALE: '100' });
  const pid = hub.child.pid!;
  try {
    const owner = new HubClient({ baseUrl: hub.url });
    await owner.signup({ email: 'bench@example.test', password: 'pw-0b3c5e7a9d1f2468', name: 'Bench' });
    const key = (await owner.createKey({ name: 'bench', scopes: [], mode: 'live' })).key;

    const big = new Blob([new Uint8Array(FILE_MB * 1024 * 1024).fill(7)]);
    const upload = (path: string) => {
      const form = new FormData();
      for (let i = 0; i < 4; i++) form.append(`image${i}`, big, `big-${i}.png`);
      return fetch(`${hub.url}${path}`, { method: 'POST', body: form }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    };
    await upload('/healthz');
    const uploads = await sampled(pid, () =>
      Promise.all([...Array.from({ length: 4 }, () => upload('/healthz')), ...Array.from({ length: 4 }, () => upload('/api/v1/process'))]),
    );
    const uploaded = 8 * 4 * FILE_MB;
    out.table('Uploads: 8 parallel unauthenticated requests (4 × /healthz, 4 × /api/v1/process), 4 files each', ['file size MB', 'sent MB', 'statuses', 'RSS before MB', 'highest MB', 'growth MB', 'seconds'], [[FILE_MB, uploaded, [...new Set(uploads.result)].join(','), Math.round(uploads.before), Math.round(uploads.highest), Math.round(uploads.highest - uploads.before), Number(uploads.seconds.toFixed(1))]]);
    out.ratio('RSS growth / bytes sent (uploads)', (uploads.highest - uploads.before) / uploaded, '< 50 MB / 768 MB = 0.065');
    console.log(
      `uploads: 8 × 4 × ${FILE_MB} MB unauthenticated, statuses ${uploads.result.join(',')}; RSS ${uploads.before.toFixed(0)} → highest ${uploads.highest.toFixed(0)} MB (+${(uploads.highest - uploads.before).toFixed(0)} MB) in ${uploads.seconds.toFixed(1)} s`,
    );

    const png = flatPng(SIDE, SIDE);
    const shadow = () => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(png)]), 'big.png');
      return fetch(`${hub.url}/api/v1/relight/shadow`, { method: 'POST', headers: { 'X-API-Key': key }, body: form }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    };
    const decodes = await sampled(pid, () => Promise.all(Array.from({ length: 8 }, shadow)));
    out.table(`Decodes: 8 parallel ${SIDE}×${SIDE} flat PNGs on /api/v1/relight/shadow with a valid key`, ['PNG KB', 'statuses', 'RSS before MB', 'highest MB', 'seconds'], [[Math.round(png.length / 1024), [...new Set(decodes.result)].join(','), Math.round(decodes.before), Math.round(decodes.highest), Number(decodes.seconds.toFixed(1))]]);
    out.ratio('highest RSS / RSS before (decodes)', decodes.highest / decodes.before);
    out.write();
    console.log(
      `decodes: 8 parallel ${SIDE}² PNGs (${(png.length / 1024).toFixed(0)} KB each) on /api/v1/relight/shadow, statuses ${decodes.result.join(',')}; ` +
        `RSS ${decodes.before.toFixed(0)} → highest ${decodes.highest.toFixed(0)} MB in ${decodes.seconds.toFixed(1)} s`,
    );
  } finally {
    await hub.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
