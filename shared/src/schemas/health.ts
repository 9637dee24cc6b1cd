import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export const readinessSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: z.enum(['ok', 'failed']), storage: z.enum(['ok', 'failed']) }),
  })
  .meta({ id: 'Readiness' });
