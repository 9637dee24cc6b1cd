import Router from '@koa/router';
import {
  SYNC_ENDPOINTS,
  operationNames,
  type ComplianceReport,
  type OcrResult,
  type OperationName,
} from '@pixport/shared';
import type { AppContext, AppState } from '../context.js';
import type { Authenticators } from '../middleware/authenticate.js';
import { keyPrincipal } from '../middleware/authenticate.js';
import { readOperationRequest, type OperationRequest } from '../http/operation-request.js';
import { remoteInputs } from '../http/remote-input.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import {
  attachment,
  clientGone,
  resultUrl,
  setPixportHeaders,
  wantsImageBytes,
} from '../http/operation-response.js';
import type { ProcessingLimits, RunResult } from '../processing/index.js';
import type { ImageService, SyncRun } from '../services/image.service.js';
import { downloadName, type ResultRecord } from '../services/result.service.js';

/** The synchronous v1 image endpoints: read the multipart request, run, answer JSON or the bytes. */
export function imageRoutes(
  images: ImageService,
  authenticate: Authenticators,
  options: { limits: ProcessingLimits; publicUrl: string | undefined; ssrf: SsrfGuard },
) {
  const router = new Router<AppState>();
  const auth = authenticate.key({ scope: 'process', uploads: true });
  const outputOf = (ctx: AppContext, result: ResultRecord) => ({
    url: resultUrl(ctx, options.publicUrl, result.id),
    content_type: result.contentType,
    width: result.width,
    height: result.height,
    bytes: result.bytes,
  });

  const respond: Record<
    'compliance' | 'ocr' | 'image',
    (ctx: AppContext, request: OperationRequest, done: SyncRun) => Promise<void>
  > = {
    async compliance(ctx, request, { run, creditsCharged }) {
      const { applied_fix, fixed_check, ...report } = run.metadata as unknown as ComplianceReport & {
        applied_fix?: object;
        fixed_check?: ComplianceReport;
      };
      const fixed = run.output ? await images.keep(keyPrincipal(ctx), request, run) : null;
      ctx.body = {
        operation: 'compliance',
        ...report,
        fixed: fixed && {
          id: fixed.id,
          output: outputOf(ctx, fixed),
          passed: fixed_check!.passed,
          applied_fix,
          check: fixed_check,
          expires_at: fixed.expiresAt.toISOString(),
        },
        credits_charged: creditsCharged,
        duration_ms: run.durationMs,
      };
    },
    async ocr(ctx, _request, { run, creditsCharged }) {
      const { text, confidence, words, engine } = run.metadata as unknown as OcrResult & { engine: string };
      ctx.body = {
        operation: 'ocr',
        text,
        confidence,
        words,
        width: run.width,
        height: run.height,
        engine,
        credits_charged: creditsCharged,
        duration_ms: run.durationMs,
      };
    },
    async image(ctx, request, { run, creditsCharged }) {
      if (wantsImageBytes(ctx)) return sendBytes(ctx, request, run, creditsCharged);
      const result = await images.keep(keyPrincipal(ctx), request, run);
      ctx.body = {
        id: result.id,
        operation: run.operation,
        output: outputOf(ctx, result),
        metadata: run.metadata,
        credits_charged: creditsCharged,
        duration_ms: run.durationMs,
        expires_at: result.expiresAt.toISOString(),
      };
    },
  };

  for (const operation of operationNames) {
    router.post(SYNC_ENDPOINTS[operation], auth, async (ctx) => {
      ctx.state.operation = operation;
      const signal = clientGone(ctx);
      const fetchUrl = remoteInputs(options.ssrf, options.limits, signal);
      const request = await readOperationRequest(ctx, operation, { limits: options.limits, fetchUrl });
      ctx.state.usageLabel =
        (request.params.presetLabel as string | undefined) ?? request.savedPreset?.name ?? request.preset ?? undefined;
      const done = await images.run(keyPrincipal(ctx), request, signal);
      await respond[answerKind(operation)](ctx, request, done);
    });
  }
  return router;
}

const answerKind = (operation: OperationName) =>
  operation === 'compliance' || operation === 'ocr' ? operation : 'image';

function sendBytes(ctx: AppContext, request: OperationRequest, run: RunResult, creditsCharged: number): void {
  setPixportHeaders(ctx, {
    operation: run.operation,
    width: run.width,
    height: run.height,
    creditsCharged,
    durationMs: run.durationMs,
    metadata: run.metadata,
  });
  ctx.set(
    'Content-Disposition',
    attachment(downloadName(request.files[0]?.filename, run.operation, run.contentType!)),
  );
  ctx.type = run.contentType!;
  ctx.body = run.output;
}
