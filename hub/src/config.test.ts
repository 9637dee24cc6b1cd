import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('config: image engine limits, retention, credits', () => {
  it('has the safe defaults of the issue', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/pixport-config-test' });
    expect(config.processingLimits).toEqual({
      maxInputBytes: 25 * 1024 * 1024,
      maxInputPixels: 50_000_000,
      maxOutputPixels: 64_000_000,
      maxFrames: 100,
      maxVideoSeconds: 15,
    });
    expect(config.syncVideoLimitBytes).toBe(10 * 1024 * 1024);
    expect(config.resultsRetentionMs).toBe(24 * 3600_000);
  });

  it('reads overrides and refuses out-of-range values', () => {
    const config = loadConfig({
      UPLOAD_LIMIT_MB: '5',
      MAX_INPUT_MEGAPIXELS: '12.5',
      MAX_GIF_FRAMES: '20',
      RESULTS_RETENTION_HOURS: '0.5',
    });
    expect(config.processingLimits.maxInputBytes).toBe(5 * 1024 * 1024);
    expect(config.processingLimits.maxInputPixels).toBe(12_500_000);
    expect(config.processingLimits.maxFrames).toBe(20);
    expect(config.resultsRetentionMs).toBe(1800_000);
    expect(() => loadConfig({ MAX_VIDEO_SECONDS: '60' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_GIF_FRAMES: '1' })).toThrow(/MAX_GIF_FRAMES/);
  });
});

describe('config: webhooks, rate limits, idempotency', () => {
  it('defaults to the Standard Webhooks retry schedule, a 15 s timeout and the SSRF guard on', () => {
    const config = loadConfig({});
    expect(config.webhooks).toEqual({
      allowPrivate: false,
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      timeoutMs: 15_000,
      disableAfterMs: 5 * 24 * 3600_000,
    });
    expect(config.rateLimits).toEqual({ enabled: true, scale: 1, sessionPerMinute: 600 });
    expect(config.idempotencyTtlMs).toBe(24 * 3600_000);
  });

  it('reads a shortened schedule and refuses a malformed one', () => {
    expect(
      loadConfig({ WEBHOOK_RETRY_SCHEDULE: '50ms,1s,2m', WEBHOOKS_ALLOW_PRIVATE: 'true' }).webhooks,
    ).toMatchObject({
      allowPrivate: true,
      retryScheduleMs: [50, 1000, 120_000],
    });
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5 seconds' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });
});
