// The HTTP half of the image benchmark: a real hub (SQLite, local blobs) in this process, a key, and
// multipart POSTs to the sync endpoints as a client would send them.
import crypto from 'node:crypto';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubClient } from '@pixport/shared';
import { loadConfig } from '../src/config.js';
import { openHub, type Hub } from '../src/hub.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../src/test-support/test-database.js';
import type { EndpointMeasurer, FIT_PARAMS } from './images.bench.js';

export interface BenchHub {
  url: string;
  key: string;
  close(): Promise<void>;
}

export async function startBenchHub(): Promise<BenchHub> {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = tempDir('pixport-bench-hub-');
  const hub: Hub = await openHub(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      // The benchmark measures the image path, not the plan's request or credit limits.
      RATE_LIMITS: 'false',
      DEFAULT_PLAN: 'enterprise',
    }),
  );
  const url = await hub.listen(0, '127.0.0.1');
  const owner = new HubClient({ baseUrl: url });
  await owner.signup({ email: 'bench@example.test', password: 'benchmark password', name: 'Bench' });
  const { key } = await owner.createKey({ name: 'bench' });
  return {
    url,
    key,
    async close() {
      agent.destroy();
      await hub.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body: the fields, then the file. */
function multipart(fields: Record<string, string | number>, field: string, file: Buffer, filename: string) {
  const boundary = `----pixport${crypto.randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// node:http with keep-alive: undici's fetch adds ~15-20 ms per response body on this machine
// (measured against a bare node server), which is the client's cost, not the hub's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POST /api/v1/process with the image and FIT_PARAMS as multipart form data. `bytes`: the client
 * asks for the image itself (`Accept: image/jpeg`) and reads it; `json`: the hub keeps a result and
 * answers its URL.
 */
export function processEndpoint(hub: BenchHub, answer: 'bytes' | 'json'): EndpointMeasurer {
  return async (image: Buffer, params: typeof FIT_PARAMS) => {
    const form = multipart(params, 'image', image, 'shot.jpg');
    const response = await post(
      `${hub.url}/api/v1/process`,
      {
        'X-API-Key': hub.key,
        Accept: answer === 'bytes' ? 'image/jpeg' : 'application/json',
        'Content-Type': form.contentType,
      },
      form.body,
    );
    if (response.status !== 200)
      throw new Error(`POST /api/v1/process answered ${response.status}: ${response.body.toString()}`);
    return answer === 'bytes' ? response.body : (JSON.parse(response.body.toString()) as unknown);
  };
}

/** Completed calls and elapsed seconds with `clients` concurrent loops for `seconds`. */
async function run(
  clients: number,
  seconds: number,
  call: () => Promise<unknown>,
): Promise<{ done: number; seconds: number; cpuMs: number }> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        await call();
        done++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { done, seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Calls per second of each contender with `clients` concurrent loops, `seconds` each in total, taken
 * in alternating slices so that load from elsewhere on the machine falls on all of them alike; and
 * the CPU time this process spent per call.
 */
export async function throughput(
  contenders: Record<string, () => Promise<unknown>>,
  clients: number,
  seconds: number,
  slices = 4,
): Promise<Record<string, { rate: number; cpuMsPerCall: number }>> {
  const totals = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, { done: 0, seconds: 0, cpuMs: 0 }]),
  );
  for (let slice = 0; slice < slices; slice++) {
    for (const [name, call] of Object.entries(contenders)) {
      const part = await run(clients, seconds / slices, call);
      totals[name]!.done += part.done;
      totals[name]!.seconds += part.seconds;
      totals[name]!.cpuMs += part.cpuMs;
    }
  }
  return Object.fromEntries(
    Object.entries(totals).map(([name, total]) => [
      name,
      { rate: total.done / total.seconds, cpuMsPerCall: total.cpuMs / total.done },
    ]),
  );
}

/**
 * ipx (the peer: an image server on sharp, npm `ipx`, MIT) serving `dir` on 127.0.0.1 in this process, like the
 * hub. Its answer for `file` is the same job as the endpoint's: fit into 1680² on white, extend 160 px of white on
 * each side (sharp always extends after resizing), baseline JPEG q92 (ipx defaults to progressive, which costs
 * more; turned off so the output matches the hub's). ipx reads the source from its storage instead of an upload.
 */
export async function startIpx(dir: string): Promise<{ call: (file: string) => Promise<Buffer>; close(): Promise<void> }> {
  const { createIPX, createIPXNodeServer, ipxFSStorage } = await import('ipx');
  // ipx copies sharpOptions onto sharp's internal options, where jpegProgressive lives (not in SharpOptions' type).
  const ipx = createIPX({ storage: ipxFSStorage({ dir }), sharpOptions: { jpegProgressive: false } as object });
  const server = http.createServer(createIPXNodeServer(ipx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const modifiers = 's_1680x1680,fit_contain,b_ffffff,extend_160_160_160_160,q_92,f_jpeg';
  return {
    call: (file: string) =>
      new Promise((resolve, reject) => {
        http
          .get(`http://127.0.0.1:${port}/${modifiers}/${file}`, { agent }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              response.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`ipx answered ${response.statusCode}: ${Buffer.concat(chunks).toString()}`)),
            );
            response.on('error', reject);
          })
          .on('error', reject);
      }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
