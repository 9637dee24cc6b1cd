/**
 * Background-removal quality and speed: `npm run bench:cutout -w hub`.
 * 1. The real-photo evaluation set (hub/src/processing/fixtures/real-photos; photos unpacked by
 *    scripts/cutout-photos.sh): per photo and per engine IoU, share of subject pixels lost, share of
 *    background kept, boundary F-score, time; then means per engine.
 * 2. The synthetic studio set: IoU per engine (must stay ≥ 0.99 for the classical engine), and the
 *    classical engine's time against the previous colour flood (`baseline`) in the same run.
 * CUTOUT_ENGINES=classical,ml picks engines (default: every engine this hub has, plus the baseline).
 */
// The bench decodes alpha masks itself, so it is one of the places outside processing/ that imports sharp.
// eslint-disable-next-line no-restricted-imports
import sharp from 'sharp';
import os from 'node:os';
import { resolveLimits } from '../src/processing/limits.js';
import { removeBackgroundOperation } from '../src/processing/remove-background.op.js';
import { scoreCutout, type CutoutScores } from '../src/processing/evaluation/metrics.js';
import { loadEvaluationSet } from '../src/processing/evaluation/photo-set.js';
import { ColorFloodEngine } from '../src/processing/segmentation/color-flood.engine.js';
import { availableEngines, closeSegmentation, configureSegmentation, registerSegmentationEngine } from '../src/processing/segmentation/engines.js';
import { generateProductShot, maskIoU, STUDIO_BACKDROPS } from '../src/processing/synthetic/index.js';
import { CUTOUT_PHOTOS_DIR } from '../src/test-support/cutout-photos.js';
import { median } from './images-timing.js';
import { benchResult, sized } from '../../bench/lib/result.js';

interface Row extends CutoutScores {
  photo: string;
  engine: string;
  ms: number;
  ran?: string;
}

/** Runs remove-background with `engine` straight through the operation (the bench-only `baseline` is no public value). */
function cutOut(image: Buffer, engine: string) {
  return removeBackgroundOperation.run(image, { engine, channels: 'alpha' } as never, { limits: resolveLimits() });
}

async function alphaOf(png: Buffer): Promise<Uint8Array> {
  return new Uint8Array(await sharp(png).extractChannel(0).raw().toBuffer());
}

const pct = (value: number) => `${(value * 100).toFixed(2)}%`;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function benchRealPhotos(engines: string[], limit = Infinity): Promise<Row[]> {
  const photos = loadEvaluationSet(CUTOUT_PHOTOS_DIR).slice(0, limit);
  const rows: Row[] = [];
  for (const photo of photos) {
    for (const engine of engines) {
      const started = performance.now();
      const result = await cutOut(photo.image, engine);
      const elapsed = performance.now() - started;
      const scores = scoreCutout(await alphaOf(result.output!), photo.truth, photo.width, photo.height);
      rows.push({ photo: photo.file, engine, ms: elapsed, ran: result.metadata.engine as string | undefined, ...scores });
    }
  }
  return rows;
}

export async function benchSynthetic(engines: string[], options: { count?: number; size?: number } = {}) {
  const count = options.count ?? 8;
  const size = options.size ?? 1000;
  const out: Record<string, { iou: number; min: number; ms: number }> = {};
  const shots = [];
  for (let seed = 1; seed <= count; seed++) shots.push(await generateProductShot(seed, { size, backdrop: STUDIO_BACKDROPS[seed % STUDIO_BACKDROPS.length] }));
  const scores = Object.fromEntries(engines.map((engine) => [engine, [] as number[]]));
  const times = Object.fromEntries(engines.map((engine) => [engine, [] as number[]]));
  // Interleaved, so load from elsewhere on the machine hits every engine alike.
  for (let round = 0; round < 3; round++) {
    for (const shot of shots) {
      for (const engine of engines) {
        const started = performance.now();
        const result = await cutOut(shot.image, engine);
        times[engine]!.push(performance.now() - started);
        if (round === 0) scores[engine]!.push(maskIoU(await alphaOf(result.output!), shot.mask));
      }
    }
  }
  for (const engine of engines) out[engine] = { iou: mean(scores[engine]!), min: Math.min(...scores[engine]!), ms: median(times[engine]!) };
  return { count, size, byEngine: out };
}

async function main() {
  const out = benchResult('cutout', 'Background removal: real photos and synthetic shots', 'npm run bench:cutout -w hub');
  // The engine before issue 14 (every enclosed near-background region opened), for same-run ratios.
  registerSegmentationEngine(new ColorFloodEngine({ holes: 'any', name: 'baseline' }));
  const engineDir = process.env.SEGMENTATION_ENGINE_DIR;
  if (engineDir) await configureSegmentation({ engineDir, modelPath: process.env.SEGMENTATION_MODEL_PATH, threads: Number(process.env.SEGMENTATION_THREADS ?? 1), normalize: 'isnet' });
  const engines = process.env.CUTOUT_ENGINES?.split(',').filter(Boolean) ?? availableEngines();
  console.log(`${os.cpus().length} CPUs, node ${process.version}, engines: ${engines.join(', ')}, photos from ${CUTOUT_PHOTOS_DIR}`);
  const rows = await benchRealPhotos(engines, sized(Infinity, 2));
  console.log('\nReal photos (IoU / subject lost / background kept / boundary F / time)');
  console.log(`${'photo'.padEnd(18)} ${'engine'.padEnd(12)} ${'IoU'.padStart(6)} ${'lost'.padStart(7)} ${'kept'.padStart(7)} ${'bF'.padStart(5)} ${'ms'.padStart(6)}  ran`);
  for (const row of rows) {
    console.log(
      `${row.photo.padEnd(18)} ${row.engine.padEnd(12)} ${row.iou.toFixed(3).padStart(6)} ${pct(row.subjectLost).padStart(7)} ${pct(row.backgroundKept).padStart(7)} ${row.boundaryF.toFixed(2).padStart(5)} ${row.ms.toFixed(0).padStart(6)}  ${row.ran ?? ''}`,
    );
  }
  console.log('\nPer engine over the real photos');
  for (const engine of engines) {
    const mine = rows.filter((row) => row.engine === engine);
    const worst = mine.reduce((low, row) => (row.iou < low.iou ? row : low));
    console.log(
      `  ${engine.padEnd(12)} mean IoU ${mean(mine.map((row) => row.iou)).toFixed(3)}, min ${worst.iou.toFixed(3)} (${worst.photo}), lost ${pct(mean(mine.map((row) => row.subjectLost)))}, kept ${pct(mean(mine.map((row) => row.backgroundKept)))}, boundary F ${mean(mine.map((row) => row.boundaryF)).toFixed(3)}, median ${median(mine.map((row) => row.ms)).toFixed(0)} ms`,
    );
  }
  const synthetic = await benchSynthetic(engines.filter((engine) => engine !== 'ml'), sized({}, { count: 1, size: 400 }));
  console.log(`\nSynthetic studio shots (${synthetic.count} × ${synthetic.size}², medians of 3 interleaved rounds)`);
  const base = synthetic.byEngine.baseline;
  for (const [engine, { iou, min, ms }] of Object.entries(synthetic.byEngine)) {
    console.log(`  ${engine.padEnd(12)} mean IoU ${iou.toFixed(4)}, min ${min.toFixed(4)}, ${ms.toFixed(0)} ms/image${base ? ` (${(ms / base.ms).toFixed(2)}× baseline)` : ''}`);
  }
  await closeSegmentation();
  await closeSegmentation();
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  out.table(
    `${new Set(rows.map((row) => row.photo)).size} real photos and ${synthetic.count} synthetic ${synthetic.size}² studio shots`,
    ['engine', 'real: mean IoU', 'min IoU', 'subject lost', 'background kept', 'boundary F', 'median ms', 'synthetic: mean IoU', 'synthetic ms'],
    engines.map((engine) => {
      const mine = rows.filter((row) => row.engine === engine);
      const synth = synthetic.byEngine[engine];
      return [engine, Number(mean(mine.map((row) => row.iou)).toFixed(3)), Number(Math.min(...mine.map((row) => row.iou)).toFixed(3)), pct(mean(mine.map((row) => row.subjectLost))), pct(mean(mine.map((row) => row.backgroundKept))), Number(mean(mine.map((row) => row.boundaryF)).toFixed(3)), Math.round(median(mine.map((row) => row.ms))), synth ? Number(synth.iou.toFixed(4)) : null, synth ? Math.round(synth.ms) : null];
    }),
  );
  for (const engine of engines) {
    const mine = rows.filter((row) => row.engine === engine);
    const synth = synthetic.byEngine[engine];
    if (synth) out.ratio(`${engine}: real / synthetic mean IoU`, mean(mine.map((row) => row.iou)) / synth.iou);
    if (base && synth && engine !== 'baseline') out.ratio(`${engine} / baseline time (synthetic)`, synth.ms / base.ms);
  }
  out.write();
}

await main();
