import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import type { HubClient } from '@pixport/shared';
import type { Env } from '../config.js';
import { SegmentationControl } from './segmentation-control.js';
import { watchTempFiles } from './temp-files.js';
import { startTestHub, type TestHub } from './test-hub.js';

export interface TaskRoutesHub {
  t: TestHub;
  /** A client with a live key of a fresh account (every scope). */
  api: HubClient;
  orgId: string;
  /** The background-removal engine, to make runs fail or wait. */
  engine: SegmentationControl;
}

/**
 * The setup of the async-task route suites, registered as jest hooks: a test hub without rate limits
 * (the tests poll faster than a plan allows) and `env`, a key, the segmentation engine under control,
 * and after each test no temp file left behind. Read the fields inside tests or later hooks.
 */
export function useTaskRoutesHub(env: Partial<Record<keyof Env, string>> = {}): TaskRoutesHub {
  const fixture = { engine: new SegmentationControl() } as TaskRoutesHub;
  let temp: ReturnType<typeof watchTempFiles>;
  beforeAll(async () => {
    fixture.t = await startTestHub({ RATE_LIMITS: 'false', ...env });
    const { key, me } = await fixture.t.newKey();
    fixture.api = fixture.t.client({ apiKey: key.key });
    fixture.orgId = me.organization.id;
    fixture.engine.install();
  });
  afterAll(async () => {
    fixture.engine.restore();
    await fixture.t.close();
  });
  beforeEach(() => {
    temp = watchTempFiles(fixture.t.hub);
  });
  afterEach(() => expect(temp.leftovers()).toEqual([]));
  return fixture;
}
