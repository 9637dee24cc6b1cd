import type { Role } from './schemas/auth.js';

/** Member roles from least to most powerful; each role can do what the ones below it can. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
