import type { ReactNode } from 'react';
import { Form, FormLayout, Modal } from '@shopify/polaris';
import type { ErrorReport } from '../api/errors.js';
import { ErrorBanner } from './error-banner.js';

/**
 * A dialog whose body is one form: the primary button and Enter both submit, Cancel and the close
 * button call `onClose`, and the API's error (message, field messages, request id) stands above the fields.
 */
export function FormModal({
  open,
  title,
  submitLabel,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  pending: boolean;
  error: ErrorReport | undefined;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{ content: submitLabel, loading: pending, onAction: onSubmit }}
      secondaryActions={[{ content: 'Cancel', onAction: onClose }]}
    >
      <Modal.Section>
        <Form onSubmit={onSubmit}>
          <FormLayout>
            <ErrorBanner error={error} />
            {children}
          </FormLayout>
        </Form>
      </Modal.Section>
    </Modal>
  );
}
