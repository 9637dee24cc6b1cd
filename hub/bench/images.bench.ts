/**
 * Image-engine benchmark: `npm run bench:images -w hub`.
 * 1. Fit a generated 12 MP JPEG to 2000x2000, margin 0.08, white, q92: raw sharp (the floor), the
 *    engine's `process`, ImageMagick `convert`, and POST /api/v1/process end to end on a real hub in
 *    this process (answering the bytes, and answering a result URL); then 4 concurrent clients for
 *    20 s against the endpoint and against the floor.
 * 2. Background removal: mean IoU on the synthetic set, time per 2000x2000 image.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// The floor is raw sharp by definition, so the benchmark is the one place outside processing/ that imports it.
// eslint-disable-next-line no-restricted-imports
import sharp from 'sharp';
import { runOperation } from '../src/processing/engine.js';
import { generateProductShot, maskIoU, STUDIO_BACKDROPS, type BackdropKind } from '../src/processing/synthetic/index.js';
import { processEndpoint, startBenchHub, throughput } from './images-endpoint.js';
import { median, ms, timeRuns } from './images-timing.js';

const run = promisify(execFile);

export const FIT_PARAMS = { width: 2000, height: 2000, margin: 0.08, background: '#ffffff', format: 'jpeg', jpegQuality: 92 } as const;

/** Plug-in for the HTTP end-to-end measurement: sends `image` with FIT_PARAMS to POST /api/v1/process. */
export type EndpointMeasurer = (image: Buffer, params: typeof FIT_PARAMS) => Promise<unknown>;

const IMAGEMAGICK = '/usr/bin/convert';
const INNER = Math.round(FIT_PARAMS.width * (1 - 2 * FIT_PARAMS.margin));
const BORDER = (FIT_PARAMS.width - INNER) / 2;

function sharpFloor(image: Buffer) {
  return sharp(image)
    .autoOrient()
    .resize(INNER, INNER, { fit: 'contain', background: '#ffffff' })
    .extend({ top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, background: '#ffffff' })
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function imageMagickFit(input: string, output: string) {
  await run(IMAGEMAGICK, [input, '-auto-orient', '-resize', `${INNER}x${INNER}`, '-background', 'white', '-gravity', 'center', '-extent', `${INNER}x${INNER}`, '-bordercolor', 'white', '-border', String(BORDER), '-quality', '92', output]);
}

export async function benchFit(options: { runs?: number; endpoints?: Record<string, EndpointMeasurer>; concurrency?: { clients: number; seconds: number } } = {}) {
  const runs = options.runs ?? 21;
  const shot = await generateProductShot(42, { size: 3464, backdrop: 'near-white' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pixport-bench-'));
  try {
    const input = path.join(dir, 'input.jpg');
    await writeFile(input, shot.image);
    // Interleaved rounds (floor, engine, each endpoint), so load from elsewhere on the machine hits all alike.
    const contenders: Record<string, () => Promise<unknown>> = {
      floor: () => sharpFloor(shot.image),
      engine: () => runOperation('process', shot.image, FIT_PARAMS),
      ...Object.fromEntries(Object.entries(options.endpoints ?? {}).map(([name, endpoint]) => [name, () => endpoint(shot.image, FIT_PARAMS)])),
    };
    for (const work of Object.values(contenders)) await timeRuns(2, work); // warm-up (connections, key cache)
    // CPU time (this process: hub, engine threads and client) is what the work costs; wall time also
    // carries whatever else the shared machine is doing.
    const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, [] as number[]]));
    const cpu = Object.fromEntries(Object.keys(contenders).map((name) => [name, [] as number[]]));
    for (let round = 0; round < runs; round++) {
      for (const [name, work] of Object.entries(contenders)) {
        const before = process.cpuUsage();
        times[name]!.push(...(await timeRuns(1, work)));
        const used = process.cpuUsage(before);
        cpu[name]!.push((used.user + used.system) / 1000);
      }
    }
    const { floor: floorTimes, engine: engineTimes, ...endpointTimes } = times;
    const floor = median(floorTimes!);
    const engine = median(engineTimes!);
    const endpoints = Object.fromEntries(Object.entries(endpointTimes).map(([name, values]) => [name, median(values)]));
    const cpuMs = Object.fromEntries(Object.entries(cpu).map(([name, values]) => [name, median(values)]));
    const magick = existsSync(IMAGEMAGICK) ? median(await timeRuns(3, () => imageMagickFit(input, path.join(dir, 'out.jpg')))) : null;
    const { clients, seconds } = options.concurrency ?? { clients: 4, seconds: 20 };
    const { engine: _engine, ...againstFloor } = contenders;
    const concurrent = options.endpoints ? await throughput(againstFloor, clients, seconds) : {};
    return { megapixels: (3464 * 3464) / 1e6, bytes: shot.image.length, floor, engine, endpoints, cpuMs, magick, concurrent, clients, seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchRemoveBackground(options: { count?: number; size?: number } = {}) {
  const count = options.count ?? 18;
  const size = options.size ?? 2000;
  const perBackdrop = new Map<BackdropKind, number[]>();
  const times: number[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const shot = await generateProductShot(seed, { size });
    const started = performance.now();
    const result = await runOperation('remove-background', shot.image, { channels: 'alpha' });
    times.push(performance.now() - started);
    const alpha = await sharp(result.output!).extractChannel(0).raw().toBuffer();
    const scores = perBackdrop.get(shot.backdrop) ?? [];
    scores.push(maskIoU(new Uint8Array(alpha), shot.mask));
    perBackdrop.set(shot.backdrop, scores);
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const studio = STUDIO_BACKDROPS.flatMap((kind) => perBackdrop.get(kind) ?? []);
  return {
    count,
    size,
    medianMs: median(times),
    studioIoU: mean(studio),
    allIoU: mean([...perBackdrop.values()].flat()),
    byBackdrop: Object.fromEntries([...perBackdrop].map(([kind, scores]) => [kind, { n: scores.length, iou: mean(scores), min: Math.min(...scores) }])),
  };
}

async function main() {
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${os.cpus().length} CPUs, node ${process.version}`);
  const hub = await startBenchHub();
  const fit = await benchFit({
    endpoints: { 'POST /api/v1/process (bytes)': processEndpoint(hub, 'bytes'), 'POST /api/v1/process (JSON + result)': processEndpoint(hub, 'json') },
  }).finally(() => hub.close());
  console.log(`\nFit ${fit.megapixels.toFixed(1)} MP JPEG (${(fit.bytes / 1e6).toFixed(1)} MB) -> 2000x2000, margin 0.08, white, q92 (medians)`);
  console.log(`  raw sharp (floor)      ${ms(fit.floor)}`);
  console.log(`  engine process op      ${ms(fit.engine)}  (${(fit.engine / fit.floor).toFixed(2)}x floor)`);
  for (const [name, value] of Object.entries(fit.endpoints)) console.log(`  ${name.padEnd(37)} ${ms(value)}  (${(value / fit.floor).toFixed(2)}x floor)`);
  console.log(`  CPU time per call (medians, this process): ${Object.entries(fit.cpuMs).map(([name, value]) => `${name} ${ms(value)} (${(value / fit.cpuMs.floor!).toFixed(2)}x)`).join(', ')}`);
  if (fit.magick !== null) {
    const endpoint = Object.values(fit.endpoints)[0];
    const versus = endpoint === undefined ? '' : `, endpoint ${(fit.magick / endpoint).toFixed(1)}x faster`;
    console.log(`  ImageMagick convert    ${ms(fit.magick)}  (engine ${(fit.magick / fit.engine).toFixed(1)}x faster${versus})`);
  }
  else console.log(`  ImageMagick: ${IMAGEMAGICK} missing (apt-get install imagemagick)`);
  console.log(`\n${fit.clients} concurrent clients, ${fit.seconds} s each in alternating slices (images per second)`);
  const floorRun = fit.concurrent.floor;
  for (const [name, { rate, cpuMsPerCall }] of Object.entries(fit.concurrent)) {
    const ratios = floorRun ? `  (${(rate / floorRun.rate).toFixed(2)}x floor; CPU ${ms(cpuMsPerCall)}/image, ${(cpuMsPerCall / floorRun.cpuMsPerCall).toFixed(2)}x)` : '';
    console.log(`  ${name.padEnd(37)} ${rate.toFixed(2)}/s${ratios}`);
  }
  const rmbg = await benchRemoveBackground();
  console.log(`\nremove-background on ${rmbg.count} synthetic ${rmbg.size}x${rmbg.size} shots`);
  console.log(`  median time per image  ${ms(rmbg.medianMs)}`);
  console.log(`  mean IoU studio shots  ${rmbg.studioIoU.toFixed(4)} (target >= 0.95)`);
  console.log(`  mean IoU all shots     ${rmbg.allIoU.toFixed(4)}`);
  for (const [kind, stats] of Object.entries(rmbg.byBackdrop)) console.log(`    ${kind.padEnd(11)} n=${stats.n} mean ${stats.iou.toFixed(4)} min ${stats.min.toFixed(4)}`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await main();
}
