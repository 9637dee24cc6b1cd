/**
 * The source of the worker thread that owns the ONNX session (run with `eval: true`, so it needs no
 * build step and works the same from src/ under tsx/jest and from dist/). onnxruntime-node's
 * `session.run` computes on the calling thread; here that thread is this worker, never the event
 * loop. One message at a time: requests queue in the port, so memory holds one inference's tensors.
 *
 * workerData: { runtimeDir, modelPath, threads, normalize }. Messages in: { id, rgb (Uint8Array,
 * side×side×3) }; out: { id, mask (Uint8Array side×side, 0–255) } or { id, error }.
 */
export const MODEL_WORKER_SOURCE = String.raw`(() => {
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { runtimeDir, modelPath, threads, normalize } = workerData;
let ort;
try {
  ort = createRequire(path.join(runtimeDir, 'noop.js'))('onnxruntime-node');
} catch (error) {
  parentPort.postMessage({ type: 'failed', error: 'onnxruntime-node could not be loaded from ' + runtimeDir + ': ' + error.message });
  return;
}
const MEAN = normalize === 'imagenet' ? [0.485, 0.456, 0.406] : [0.5, 0.5, 0.5];
const STD = normalize === 'imagenet' ? [0.229, 0.224, 0.225] : [1, 1, 1];
(async () => {
  let session;
  try {
    if (!fs.existsSync(modelPath)) throw new Error('no such file');
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // The arena keeps every peak allocation for the life of the process (~2 GB for ISNet); without
      // it memory returns to the allocator after each run.
      enableCpuMemArena: false,
      enableMemPattern: false,
    });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', error: 'the model ' + modelPath + ' could not be loaded: ' + error.message });
    return;
  }
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const meta = session.inputMetadata && session.inputMetadata[0];
  const dims = meta && meta.shape ? meta.shape : [];
  const fixed = typeof dims[2] === 'number' && dims[2] > 0 ? dims[2] : 1024;
  parentPort.postMessage({ type: 'ready', side: fixed, inputName, outputName });
  parentPort.on('message', async ({ id, rgb, side }) => {
    try {
      const n = side * side;
      const input = new Float32Array(3 * n);
      for (let c = 0; c < 3; c++) {
        const mean = MEAN[c], std = STD[c], plane = c * n;
        for (let i = 0; i < n; i++) input[plane + i] = (rgb[i * 3 + c] / 255 - mean) / std;
      }
      const out = await session.run({ [inputName]: new ort.Tensor('float32', input, [1, 3, side, side]) });
      const data = out[outputName].data;
      let min = Infinity, max = -Infinity;
      for (let i = 0; i < n; i++) { const v = data[i]; if (v < min) min = v; if (v > max) max = v; }
      // Logits (BiRefNet exports) get a sigmoid; probabilities (ISNet, U2-Net) are used as they are.
      const logits = min < -0.01 || max > 1.01;
      const mask = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const p = logits ? 1 / (1 + Math.exp(-data[i])) : data[i];
        mask[i] = p <= 0 ? 0 : p >= 1 ? 255 : Math.round(p * 255);
      }
      for (const tensor of Object.values(out)) if (tensor.dispose) tensor.dispose();
      parentPort.postMessage({ type: 'result', id, mask, rss: process.memoryUsage().rss }, [mask.buffer]);
    } catch (error) {
      parentPort.postMessage({ type: 'result', id, error: error.message });
    }
  });
})();
})();
`;
