import { z } from 'zod';
import { isoDate } from './common.js';
import { roleSchema } from './auth.js';

export const memberSchema = z
  .object({ user_id: z.string(), email: z.string(), name: z.string(), role: roleSchema, added_at: isoDate })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof memberSchema>;

export const addMemberBody = z
  .object({ email: z.email().transform((value) => value.trim().toLowerCase()), role: roleSchema })
  .meta({ id: 'AddMemberRequest' });

export const updateMemberBody = z.object({ role: roleSchema }).meta({ id: 'UpdateMemberRequest' });

export const memberParams = z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) });

export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), plan: z.string(), role: roleSchema, created_at: isoDate })
  .meta({ id: 'Organization' });

export const auditEventSchema = z
  .object({
    id: z.string(),
    action: z.string(),
    actor: z.object({ user_id: z.string().nullable(), key_id: z.string().nullable() }),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    ip: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: isoDate,
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;
