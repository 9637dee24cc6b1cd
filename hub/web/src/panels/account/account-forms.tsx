import { useState } from 'react';
import { Banner, BlockStack, Button, Card, Form, FormLayout, Page, Text, TextField } from '@shopify/polaris';
import type { HubClient, Me } from '@pixport/shared';
import { fieldError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { ErrorBanner } from '../../components/error-banner.js';

type Mode = 'first-run' | 'sign-in' | 'sign-up';

const COPY: Record<Mode, { title: string; intro: string; submit: string }> = {
  'first-run': {
    title: 'Set up this Pixport hub',
    intro:
      'No account exists yet. The account you create now owns this hub’s first organization: it manages API keys, the team and everything else here.',
    submit: 'Create owner account',
  },
  'sign-in': {
    title: 'Sign in to Pixport',
    intro: 'Manage API keys, test endpoints and review usage.',
    submit: 'Sign in',
  },
  'sign-up': {
    title: 'Create a Pixport account',
    intro: 'You get your own organization; an owner of another organization can then add you to theirs.',
    submit: 'Create account',
  },
};

/** First-run (owner account on an empty hub), sign-in and sign-up: one form, three texts. */
export function AccountForm({
  client,
  mode,
  signupOpen,
  onSignedIn,
  onSwitch,
}: {
  client: HubClient;
  mode: Mode;
  signupOpen: boolean;
  onSignedIn: (me: Me) => void;
  onSwitch: (mode: Mode) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const creating = mode !== 'sign-in';
  const copy = COPY[mode];
  const tooShort = creating && password.length > 0 && password.length < 10;

  const submit = async () => {
    if (tooShort) return;
    const me = await action.run(() =>
      creating ? client.signup({ name, email, password }) : client.login({ email, password }),
    );
    if (me) {
      setPassword('');
      onSignedIn(me);
    }
  };

  return (
    <Page narrowWidth>
      <Card>
        <BlockStack gap="400">
          <Text as="h1" variant="headingLg">
            {copy.title}
          </Text>
          <Text as="p" tone="subdued">
            {copy.intro}
          </Text>
          <ErrorBanner error={action.error} />
          <Form onSubmit={() => void submit()}>
            <FormLayout>
              {creating ? (
                <TextField
                  label="Your name"
                  value={name}
                  onChange={setName}
                  autoComplete="name"
                  requiredIndicator
                  error={fieldError(action.error, 'name')}
                />
              ) : null}
              <TextField
                label="Email"
                type="email"
                value={email}
                onChange={setEmail}
                autoComplete="username"
                requiredIndicator
                error={fieldError(action.error, 'email')}
              />
              <TextField
                label="Password"
                type="password"
                value={password}
                onChange={setPassword}
                autoComplete={creating ? 'new-password' : 'current-password'}
                requiredIndicator
                helpText={creating ? 'At least 10 characters.' : undefined}
                error={tooShort ? 'Use at least 10 characters.' : fieldError(action.error, 'password')}
              />
              <Button submit variant="primary" loading={action.pending} fullWidth>
                {copy.submit}
              </Button>
            </FormLayout>
          </Form>
          {mode === 'sign-in' && signupOpen ? (
            <Text as="p">
              New here?{' '}
              <Button variant="plain" onClick={() => onSwitch('sign-up')}>
                Create an account
              </Button>
            </Text>
          ) : null}
          {mode === 'sign-up' ? (
            <Text as="p">
              Have an account?{' '}
              <Button variant="plain" onClick={() => onSwitch('sign-in')}>
                Sign in
              </Button>
            </Text>
          ) : null}
          {mode === 'sign-in' && !signupOpen ? (
            <Banner tone="info">
              Sign-up is closed on this hub (ALLOW_SIGNUP=false): ask its operator to open it, then an owner
              can add you to their organization.
            </Banner>
          ) : null}
        </BlockStack>
      </Card>
    </Page>
  );
}
