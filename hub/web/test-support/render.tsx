import { expect } from '@jest/globals';
import { render, screen, waitFor, type RenderResult } from '@testing-library/react';
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json' with { type: 'json' };
import type { HubClient, Me } from '@pixport/shared';
import { capabilitiesOf, type OpenApiDocument } from '../src/api/capabilities.js';
import { SessionContext, type Session } from '../src/session/session.js';

export function renderWithPolaris(ui: React.ReactElement): RenderResult {
  return render(<AppProvider i18n={en}>{ui}</AppProvider>);
}

/** Renders a panel as a signed-in member: the client holds that member's real session on the test hub. */
export async function renderSignedIn(
  ui: React.ReactElement,
  client: HubClient,
  keyClient: Session['keyClient'],
): Promise<RenderResult & { session: Session }> {
  const [me, openapi] = await Promise.all([client.me(), client.openapi() as Promise<OpenApiDocument>]);
  const session: Session = {
    client,
    keyClient,
    me: me as Me,
    openapi,
    capabilities: capabilitiesOf(openapi),
    refreshMe: async () => undefined,
    signOut: async () => undefined,
  };
  const result = renderWithPolaris(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>);
  return { ...result, session };
}

/**
 * The open dialog called `name`, once Polaris has moved focus into it: typing before that can lose
 * keystrokes to the focus move, as it would for a very fast typist.
 */
export async function openDialog(name: string | RegExp): Promise<HTMLElement> {
  const dialog = await screen.findByRole('dialog', { name });
  await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  return dialog;
}
