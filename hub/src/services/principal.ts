import { roleAtLeast, type KeyMode, type Role, type Scope } from '@pixport/shared';
import { AppError } from '../errors.js';

/** Who is calling: a signed-in dashboard user (acting in one organization) or an API key. */
export type Principal = SessionPrincipal | KeyPrincipal;

export interface SessionPrincipal {
  kind: 'session';
  sessionId: string;
  userId: string;
  organizationId: string;
  role: Role;
  csrfToken: string;
}

export interface KeyPrincipal {
  kind: 'key';
  keyId: string;
  keyHash: string;
  organizationId: string;
  scopes: Scope[];
  mode: KeyMode;
  prefix: string;
  last4: string;
}

/** Request facts services record (audit, last-used), without knowing about HTTP. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export { roleAtLeast };

export function requireRole(principal: SessionPrincipal, minimum: Role, action: string): void {
  if (!roleAtLeast(principal.role, minimum)) {
    throw new AppError('forbidden', `Your role (${principal.role}) cannot ${action}; ${minimum} or above can.`);
  }
}

export function hasScope(principal: KeyPrincipal, scope: Scope): boolean {
  return principal.scopes.length === 0 || principal.scopes.includes(scope);
}

export const actorOf = (principal: Principal) =>
  principal.kind === 'session'
    ? { userId: principal.userId, keyId: null }
    : { userId: null, keyId: principal.keyId };
