import { useState } from 'react';
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Form,
  FormLayout,
  InlineStack,
  List,
  Text,
  TextField,
} from '@shopify/polaris';
import { checkSignature, type SignatureCheck } from './signature-check.js';

/** Paste what a receiver got (headers, raw body) and the secret: see which part of the signature fails. Runs in the page only. */
export function SignatureChecker() {
  const [headers, setHeaders] = useState('');
  const [body, setBody] = useState('');
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<SignatureCheck>();
  return (
    <Card>
      <Form onSubmit={() => void checkSignature({ headers, body, secret }).then(setResult)}>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Signature checker
          </Text>
          <Text as="p" tone="subdued">
            Checked in this page with WebCrypto; nothing you paste is sent anywhere.
          </Text>
          <FormLayout>
            <TextField
              label="Headers received"
              value={headers}
              onChange={setHeaders}
              multiline={4}
              monospaced
              autoComplete="off"
              placeholder={
                'webhook-id: msg_…\nwebhook-timestamp: 1795000000\nwebhook-signature: v1,…\nX-Pixport-Signature: sha256=…'
              }
            />
            <TextField
              label="Raw body received"
              value={body}
              onChange={setBody}
              multiline={4}
              monospaced
              autoComplete="off"
              helpText="Exactly as received, before any JSON parsing."
            />
            <TextField
              label="Subscription secret"
              type="password"
              value={secret}
              onChange={setSecret}
              autoComplete="off"
            />
          </FormLayout>
          <InlineStack>
            <Button submit>Check signature</Button>
          </InlineStack>
          {result ? (
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Badge tone={result.valid ? 'success' : 'critical'} toneAndProgressLabelOverride="Result">
                  {result.valid ? 'valid' : 'invalid'}
                </Badge>
                <div role="status">
                  <Text as="p" fontWeight="semibold">
                    {result.verdict}
                  </Text>
                </div>
              </InlineStack>
              <List>
                {result.parts.map((part) => (
                  <List.Item key={part.part}>
                    {part.ok ? '✓' : '✗'} <code>{part.part}</code>: {part.detail}
                  </List.Item>
                ))}
              </List>
            </BlockStack>
          ) : null}
        </BlockStack>
      </Form>
    </Card>
  );
}
