import crypto from 'node:crypto';
import type { HubClient, Me } from '@pixport/shared';

/** Signs up a fresh user (own organization) on `client`, which then holds the session. */
export async function signUpFresh(
  client: HubClient,
  name = 'Tester',
): Promise<{ client: HubClient; me: Me; email: string; password: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${crypto.randomBytes(4).toString('hex')}@example.test`;
  const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
  const me = await client.signup({ email, password, name });
  return { client, me, email, password };
}
