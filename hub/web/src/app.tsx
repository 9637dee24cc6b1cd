import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Banner, Button, Page, Spinner, Text, BlockStack, Box, InlineStack } from '@shopify/polaris';
import { HubApiError, type HubClient, type Me } from '@pixport/shared';
import { capabilitiesOf, type OpenApiDocument } from './api/capabilities.js';
import { describeError, type ErrorReport } from './api/errors.js';
import { ErrorBanner } from './components/error-banner.js';
import { AccountForm } from './panels/account/account-forms.js';
import { SessionContext, type Session } from './session/session.js';
import { Shell } from './shell/shell.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; error: ErrorReport }
  | { kind: 'account'; mode: 'first-run' | 'sign-in' | 'sign-up'; notice?: string }
  | { kind: 'ready'; me: Me };

/**
 * The session gate: first-run on an empty hub, sign-in otherwise, then the dashboard. `makeClient` gets the
 * callback to run when the hub says the session is gone (expired, signed out elsewhere).
 */
export function App({
  makeClient,
  makeKeyClient,
}: {
  makeClient: (onSessionLost: () => void) => HubClient;
  makeKeyClient: (apiKey: string | undefined) => HubClient;
}) {
  const lost = useRef<() => void>(() => undefined);
  const [client] = useState(() => makeClient(() => lost.current()));
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [openapi, setOpenapi] = useState<OpenApiDocument>({});
  const [signupOpen, setSignupOpen] = useState(false);

  const start = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const [setup, document] = await Promise.all([client.setupStatus(), client.openapi()]);
      setOpenapi(document as OpenApiDocument);
      setSignupOpen(setup.signup_open);
      if (setup.needs_setup) return setPhase({ kind: 'account', mode: 'first-run' });
      try {
        setPhase({ kind: 'ready', me: await client.me() });
      } catch (error) {
        if (error instanceof HubApiError && error.status === 401) {
          setPhase({ kind: 'account', mode: 'sign-in' });
        } else throw error;
      }
    } catch (error) {
      setPhase({ kind: 'unreachable', error: describeError(error) });
    }
  }, [client]);

  useEffect(() => {
    void start();
  }, [start]);

  lost.current = () =>
    setPhase((current) =>
      current.kind === 'ready'
        ? { kind: 'account', mode: 'sign-in', notice: 'Your session ended. Sign in again to continue.' }
        : current,
    );

  const session = useMemo<Session | undefined>(() => {
    if (phase.kind !== 'ready') return undefined;
    return {
      client,
      keyClient: makeKeyClient,
      me: phase.me,
      openapi,
      capabilities: capabilitiesOf(openapi),
      refreshMe: async () => setPhase({ kind: 'ready', me: await client.me() }),
      signOut: async () => {
        await client.logout().catch(() => undefined);
        void start();
      },
    };
  }, [phase, client, makeKeyClient, openapi, start]);

  if (phase.kind === 'loading') {
    return (
      <Box padding="800">
        <InlineStack align="center">
          <Spinner accessibilityLabel="Loading the dashboard" />
        </InlineStack>
      </Box>
    );
  }
  if (phase.kind === 'unreachable') {
    return (
      <Page narrowWidth title="Pixport dashboard">
        <BlockStack gap="400">
          <ErrorBanner error={phase.error} title="The dashboard could not load" />
          <Button onClick={() => void start()}>Try again</Button>
        </BlockStack>
      </Page>
    );
  }
  if (phase.kind === 'account') {
    return (
      <main>
        {phase.notice ? (
          <Box paddingBlockStart="400" paddingInline="400">
            <Banner tone="warning">
              <Text as="p">{phase.notice}</Text>
            </Banner>
          </Box>
        ) : null}
        <AccountForm
          client={client}
          mode={phase.mode}
          signupOpen={signupOpen}
          onSignedIn={(me) => setPhase({ kind: 'ready', me })}
          onSwitch={(mode) => setPhase({ ...phase, mode, notice: undefined })}
        />
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
