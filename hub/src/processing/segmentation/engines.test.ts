import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runOperation } from '../engine.js';
import { generateProductShot } from '../synthetic/index.js';
import { availableEngines, configureSegmentation } from './engines.js';

describe('background-removal engines', () => {
  it('answers 422 naming what to install when the learned engine is absent', async () => {
    expect(availableEngines()).not.toContain('ml');
    const shot = await generateProductShot(3, { size: 200 });
    await expect(runOperation('rm-bg', shot.image, { engine: 'ml' })).rejects.toMatchObject({
      status: 422,
      code: 'invalid_parameter',
      detail: expect.stringContaining('scripts/install-ml-engine.sh'),
    });
  });

  it('auto runs classical without the learned engine and says why', async () => {
    const shot = await generateProductShot(5, { size: 300, backdrop: 'white' });
    const result = await runOperation('rm-bg', shot.image, {});
    expect(result.metadata).toMatchObject({ engine: 'classical', engine_requested: 'auto', engine_reason: 'the learned engine is not installed on this hub' });
  });

  it('fails at start-up on a corrupt model file, not at the first request', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pixport-model-'));
    const model = path.join(dir, 'broken.onnx');
    writeFileSync(model, 'this is not an ONNX model');
    // Without onnxruntime-node reachable the start fails too, naming the runtime; with it, naming the model.
    await expect(configureSegmentation({ engineDir: dir, modelPath: model, threads: 1, normalize: 'isnet' })).rejects.toThrow(/onnxruntime-node could not be loaded|could not be loaded/);
    expect(availableEngines()).not.toContain('ml');
  });
});
