import { z } from 'zod';
import { isoDate } from './common.js';

export const ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const email = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const signupBody = z
  .object({
    email,
    password: z.string().min(10, 'must be at least 10 characters').max(256),
    name: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'SignupRequest' });
export type SignupBody = z.infer<typeof signupBody>;

export const loginBody = z
  .object({ email, password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest' });
export type LoginBody = z.infer<typeof loginBody>;

export const switchOrgBody = z.object({ organization_id: z.string().min(1).max(64) });

export const membershipSchema = z.object({
  organization_id: z.string(),
  name: z.string(),
  role: roleSchema,
});

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), created_at: isoDate }),
    organization: z.object({ id: z.string(), name: z.string(), role: roleSchema, plan: z.string() }),
    memberships: z.array(membershipSchema),
    csrf_token: z.string().meta({ description: 'Echo in X-CSRF-Token on every POST/PUT/PATCH/DELETE.' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const setupStatusSchema = z
  .object({ needs_setup: z.boolean(), signup_open: z.boolean() })
  .meta({ id: 'SetupStatus' });
