import { z } from 'zod';
import { operationNames } from '../operations.js';
import { isoDate } from './common.js';

export const resultOutputSchema = z
  .object({
    url: z
      .string()
      .meta({ description: 'Downloads the file (send the same API key); available until `expires_at`.' }),
    content_type: z.string().meta({ example: 'image/jpeg' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    bytes: z.number().int(),
  })
  .meta({ id: 'ResultOutput' });
export type ResultOutput = z.infer<typeof resultOutputSchema>;

const metadata = z
  .record(z.string(), z.unknown())
  .meta({ description: 'Facts about the run: method, measurements, boxes…' });
const creditsCharged = z
  .number()
  .int()
  .meta({ description: 'Credits this call costs (see the plan’s credit table).' });
const durationMs = z.number().int().meta({ description: 'Time spent in the image engine.' });

/** The JSON answer of every image-producing sync endpoint. */
export const operationResultSchema = z
  .object({
    id: z.string().meta({ example: 'res_3J9x…' }),
    operation: z.enum(operationNames),
    output: resultOutputSchema,
    metadata,
    credits_charged: creditsCharged,
    duration_ms: durationMs,
    expires_at: isoDate,
  })
  .meta({ id: 'OperationResult' });
export type OperationResult = z.infer<typeof operationResultSchema>;

const ruleResultSchema = z.object({
  rule: z.string(),
  passed: z.boolean(),
  severity: z.enum(['error', 'warning']),
  actual: z.union([z.string(), z.number(), z.boolean()]),
  expected: z.string(),
  message: z.string(),
});

export const complianceResponseSchema = z
  .object({
    operation: z.literal('compliance'),
    passed: z.boolean().meta({ description: 'Every named marketplace passes (warnings do not fail).' }),
    marketplaces: z.array(
      z.object({
        marketplace: z.string(),
        passed: z.boolean(),
        rules: z.array(ruleResultSchema),
        fix: z
          .record(z.string(), z.unknown())
          .nullable()
          .meta({ description: '`process` parameters that make the image pass; null when it passes.' }),
      }),
    ),
    measurements: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    fixed: z
      .object({
        id: z.string(),
        output: resultOutputSchema,
        passed: z.boolean().meta({ description: 'The fixed image’s own check.' }),
        applied_fix: z.record(z.string(), z.unknown()),
        check: z.record(z.string(), z.unknown()),
        expires_at: isoDate,
      })
      .nullable()
      .meta({
        description: 'With `auto_fix=true`: the fixed image (a result) and its own compliance check.',
      }),
    credits_charged: creditsCharged,
    duration_ms: durationMs,
  })
  .meta({ id: 'ComplianceResponse' });
export type ComplianceResponse = z.infer<typeof complianceResponseSchema>;

export const ocrResponseSchema = z
  .object({
    operation: z.literal('ocr'),
    text: z.string(),
    confidence: z.number().meta({ description: 'Mean word confidence, 0..100.' }),
    words: z.array(
      z.object({
        text: z.string(),
        confidence: z.number(),
        bbox: z.object({
          x0: z.number().int(),
          y0: z.number().int(),
          x1: z.number().int(),
          y1: z.number().int(),
        }),
      }),
    ),
    width: z.number().int(),
    height: z.number().int(),
    engine: z.string(),
    credits_charged: creditsCharged,
    duration_ms: durationMs,
  })
  .meta({ id: 'OcrResponse' });
export type OcrResponse = z.infer<typeof ocrResponseSchema>;

export const resultParams = z.object({ id: z.string().min(1).max(64) });
