import { createContext, useContext } from 'react';
import { roleAtLeast, type HubClient, type Me, type Role } from '@pixport/shared';
import type { Capabilities, OpenApiDocument } from '../api/capabilities.js';

export interface Session {
  client: HubClient;
  /** A client that authenticates with `apiKey` only, sending no session cookie: what an outside caller sees. */
  keyClient: (apiKey: string | undefined) => HubClient;
  me: Me;
  openapi: OpenApiDocument;
  capabilities: Capabilities;
  /** Reloads the signed-in user (after a role or organization change). */
  refreshMe: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in dashboard');
  return session;
}

/** Whether the signed-in member's role allows an action that needs `minimum` (the hub checks again). */
export function useCan(minimum: Role): boolean {
  return roleAtLeast(useSession().me.organization.role, minimum);
}
