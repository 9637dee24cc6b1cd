import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { OperationRequest } from '../http/operation-request.js';
import { DecodeGate, decodedBytesOf, runOperation, type RunResult } from '../processing/index.js';
import type { CreditService } from './credit.service.js';
import type { KeyPrincipal } from './principal.js';
import type { ResultFile, ResultRecord, ResultService } from './result.service.js';

/** A finished sync run: the engine's result and what it cost. */
export interface SyncRun {
  run: RunResult;
  creditsCharged: number;
}

/**
 * Synchronous image operations: run the engine under the configured limits, price the call, keep
 * the output as a result when the client wants a download URL.
 */
export class ImageService {
  /** How many decode at once, within what memory (the rest wait, then 503). */
  readonly decodes: DecodeGate;

  constructor(
    private readonly results: ResultService,
    private readonly credits: CreditService,
    private readonly config: Pick<Config, 'processingLimits' | 'syncVideoLimitBytes' | 'testKeyPreviewPixels' | 'syncDecodes'>,
  ) {
    this.decodes = new DecodeGate(config.syncDecodes);
  }

  /**
   * Runs a call and charges it once it succeeded (a failed call costs nothing): 402 up front when the
   * balance cannot cover it, and again if other calls spent it meanwhile. Test keys pay nothing and
   * get preview-size outputs.
   */
  async run(principal: KeyPrincipal, request: OperationRequest, signal?: AbortSignal): Promise<SyncRun> {
    this.refuseSlowInputs(request);
    await this.credits.ensure(principal, request.operation);
    const decoded = await decodedBytesOf(request.files.map((file) => file.data));
    const run = await this.decodes.run(
      decoded,
      () =>
        runOperation(request.operation, request.inputs, request.params, {
          limits: this.config.processingLimits,
          signal,
          previewPixels: principal.mode === 'test' ? this.config.testKeyPreviewPixels : undefined,
        }),
      signal,
    );
    return { run, creditsCharged: await this.credits.charge(principal, request.operation) };
  }

  /** Keeps a run's output for download (`GET /api/v1/results/:id`). */
  keep(principal: KeyPrincipal, request: OperationRequest, run: RunResult): Promise<ResultRecord> {
    if (!run.output || !run.contentType)
      throw new AppError('internal', `${run.operation} produced no file to keep`);
    return this.results.create(
      { organizationId: principal.organizationId, keyId: principal.keyId },
      resultFileOf(run, request.files[0]?.filename),
    );
  }

  /** Long videos would hold the request for seconds: the sync endpoint points them to the async API. */
  private refuseSlowInputs(request: OperationRequest): void {
    if (request.operation !== 'gif-from-video') return;
    const limit = this.config.syncVideoLimitBytes;
    const video = request.files[0]!;
    if (video.bytes > limit) {
      throw new AppError(
        'payload_too_large',
        `${video.field} is ${video.bytes} bytes; the synchronous endpoint converts videos up to ${limit} bytes. ` +
          'Submit larger ones as an async task: POST /api/v1/jobs with operation=gif-from-video.',
        { extra: { limit_bytes: limit, async_endpoint: '/api/v1/jobs' } },
      );
    }
  }
}

/**
 * A run's output as a result file: the produced image, or — for operations that only measure (OCR,
 * a compliance check without auto_fix) — their report as a JSON document.
 */
export function resultFileOf(run: RunResult, stem: string | null | undefined): ResultFile {
  const file =
    run.output && run.contentType
      ? { data: run.output, contentType: run.contentType }
      : { data: Buffer.from(JSON.stringify(run.metadata)), contentType: 'application/json' };
  return {
    operation: run.operation,
    ...file,
    width: run.width,
    height: run.height,
    metadata: run.metadata,
    stem,
  };
}
