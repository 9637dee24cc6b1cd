import {
  batchHeadline,
  batchProgress,
  columnLabel,
  describeUsage,
  describeValidation,
  isActive,
  nextPollDelay,
  type BatchView,
} from './format';

function batch(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'b0123456789abcdef',
    status: 'running',
    pause_reason: '',
    message: '',
    operation: 'process',
    context: { type: 'media' },
    retry_at: 0,
    counts: { total: 4, done: 1, failed: 0, running: 1, pending: 2 },
    items: [
      {
        attachment_id: 1,
        title: 'a',
        state: 'done',
        progress: 1,
        error: '',
        result_id: 9,
        result_url: '',
        edit_url: '',
      },
      {
        attachment_id: 2,
        title: 'b',
        state: 'processing',
        progress: 0.5,
        error: '',
        result_id: 0,
        result_url: '',
        edit_url: '',
      },
      {
        attachment_id: 3,
        title: 'c',
        state: 'pending',
        progress: 0,
        error: '',
        result_id: 0,
        result_url: '',
        edit_url: '',
      },
      {
        attachment_id: 4,
        title: 'd',
        state: 'pending',
        progress: 0,
        error: '',
        result_id: 0,
        result_url: '',
        edit_url: '',
      },
    ],
    ...overrides,
  };
}

describe('describeValidation', () => {
  it('shows plan, credits, mode and the masked key of a valid key', () => {
    const described = describeValidation(
      {
        valid: true,
        organization: 'Shop',
        plan: 'free',
        credits: 80,
        rate_limit: 60,
        mode: 'live',
        masked: 'pxp_live_Ab3…x9Qz',
        scopes: [],
        checked_at: 1000,
      },
      1002_000,
    );
    expect(described.tone).toBe('success');
    expect(described.lines).toEqual([
      'Key valid (live mode): pxp_live_Ab3…x9Qz',
      'Organization: Shop · plan: free',
      'Credits left: 80',
      'Rate limit: 60 requests/minute',
      'Checked just now.',
    ]);
  });

  it('warns at zero credits and says a revoked key is revoked', () => {
    expect(describeValidation({ valid: true, credits: 0, mode: 'test' }).tone).toBe('warning');
    expect(describeValidation({ valid: true, credits: 0, mode: 'test' }).lines[0]).toContain('test mode');
    const revoked = describeValidation(
      {
        valid: false,
        revoked: true,
        code: 'key_revoked',
        message: 'The Pixport API key has been revoked.',
        checked_at: 100,
      },
      160_000,
    );
    expect(revoked).toEqual({
      tone: 'error',
      lines: ['Key revoked.', 'The Pixport API key has been revoked.', 'Checked 60 s ago.'],
    });
  });

  it('does not call a rate limit or an unreachable hub a refused key', () => {
    const title = (code: string) => describeValidation({ valid: false, code, message: 'm' }).lines[0];
    expect(title('rate_limited')).toBe('Rate limited.');
    expect(title('timeout')).toBe('Hub not reachable.');
    expect(title('unreachable')).toBe('Hub not reachable.');
    expect(title('invalid_api_key')).toBe('Key refused.');
  });
});

describe('describeUsage', () => {
  it('summarises the snapshot and sorts operations by requests', () => {
    const { summary, rows } = describeUsage({
      range: { from: '2026-10-22', to: '2026-11-21' },
      total_requests: 12,
      errors: 2,
      units_reported: 5,
      heavy_calls: 1,
      average_duration_ms: 41.6,
      last_request_at: null,
      by_operation: [
        { operation: 'auth.validate', requests: 2, errors: 1, units: 0 },
        { operation: 'process', requests: 10, errors: 1, units: 5 },
      ],
    });
    expect(summary).toBe(
      '12 requests (2 errors, average 42 ms), 5 images reported by plugins, 2026-10-22 – 2026-11-21.',
    );
    expect(rows).toEqual([
      ['process', '10', '1', '5'],
      ['auth.validate', '2', '1', '0'],
    ]);
  });
});

describe('batch progress', () => {
  it('counts finished items fully and running ones by progress', () => {
    expect(batchProgress(batch())).toBeCloseTo(1.5 / 4);
    expect(
      batchProgress(batch({ counts: { total: 0, done: 0, failed: 0, running: 0, pending: 0 }, items: [] })),
    ).toBe(1);
  });

  it('headlines each status', () => {
    expect(batchHeadline(batch())).toBe('Processing 1 of 4…');
    expect(batchHeadline(batch({ status: 'paused', pause_reason: 'out_of_credits' }))).toBe(
      'Paused at 1 of 4: out of credits.',
    );
    expect(batchHeadline(batch({ status: 'paused', pause_reason: 'api_key' }))).toBe(
      'Paused at 1 of 4: the API key needs attention.',
    );
    expect(
      batchHeadline(
        batch({ status: 'done', counts: { total: 4, done: 3, failed: 1, running: 0, pending: 0 } }),
      ),
    ).toBe('Finished: 3 processed, 1 failed.');
    expect(batchHeadline(batch({ status: 'canceled' }))).toBe('Canceled after 1 of 4.');
    expect(isActive(batch({ status: 'paused' }))).toBe(true);
    expect(isActive(batch({ status: 'done' }))).toBe(false);
  });

  it('polls every 2 s unless the hub asked to back off (capped at a minute)', () => {
    expect(nextPollDelay(batch(), 1_000_000)).toBe(2000);
    expect(nextPollDelay(batch({ retry_at: 1_017 }), 1_000_000)).toBe(17_000);
    expect(nextPollDelay(batch({ retry_at: 5_000 }), 1_000_000)).toBe(60_000);
  });
});

describe('columnLabel', () => {
  it('says what the batch did to each image, with the words of the PHP column', () => {
    const running = { status: 'running' as const, pause_reason: '' };
    const paused = { status: 'paused' as const, pause_reason: 'out_of_credits' };
    expect(columnLabel({ state: 'done' }, running)).toBe('Processed');
    expect(columnLabel({ state: 'failed' }, running)).toBe('Failed');
    expect(columnLabel({ state: 'processing' }, running)).toBe('Processing');
    expect(columnLabel({ state: 'submitting' }, running)).toBe('Queued');
    expect(columnLabel({ state: 'pending' }, paused)).toBe('Paused (out of credits)');
    expect(columnLabel({ state: 'submitted' }, paused)).toBe('Queued');
  });
});
