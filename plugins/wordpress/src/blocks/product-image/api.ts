import apiFetch from '@wordpress/api-fetch';
import type { OperationId, Params } from './operations';
import type { Preview, SavedAttachment } from './preview-state';

/** The plugin's own REST routes; PHP holds the key and calls the hub. */
export function createPreview(
  attachmentId: number,
  operation: OperationId,
  params: Params,
): Promise<Preview> {
  return apiFetch<Preview>({
    path: '/pixport/v1/previews',
    method: 'POST',
    data: { attachment_id: attachmentId, operation, params },
  });
}

export function keepPreview(token: string): Promise<SavedAttachment> {
  return apiFetch<SavedAttachment>({ path: `/pixport/v1/previews/${token}/attachment`, method: 'POST' });
}

export function discardPreview(token: string): Promise<unknown> {
  return apiFetch({ path: `/pixport/v1/previews/${token}`, method: 'DELETE' });
}
