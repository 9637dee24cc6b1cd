import apiFetch from '@wordpress/api-fetch';
import domReady from '@wordpress/dom-ready';
import { BatchPanel } from './batch-panel';
import type { BatchView } from './format';

/** Media library: show every active or recent batch of this user and keep them moving. */
domReady(async () => {
  const container = document.getElementById('pixport-batches');
  if (!container) return;
  const panel = new BatchPanel(container, () => undefined);
  try {
    const batches = await apiFetch<BatchView[]>({ path: '/pixport/v1/batches' });
    for (const batch of [...batches].reverse()) panel.show(batch);
  } catch {
    // The panel stays empty; row-level state is in the Pixport column.
  }
});
