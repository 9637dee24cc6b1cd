import apiFetch from '@wordpress/api-fetch';
import domReady from '@wordpress/dom-ready';
import { describeError } from '../lib/errors';
import { BatchPanel } from './batch-panel';
import type { BatchView } from './format';

/** WooCommerce product box: process the product's images as one batch, or restore the originals. */
domReady(() => {
  const box = document.getElementById('pixport-product');
  const status = box?.querySelector<HTMLElement>('.pixport-product-status');
  if (!box || !status) return;
  const productId = box.dataset.productId;
  const restoreButton = box.querySelector<HTMLButtonElement>('[data-pixport-action="restore"]');
  const panel = new BatchPanel(status, (batch) => {
    if (batch.status === 'done' && batch.counts.failed === 0 && restoreButton) restoreButton.disabled = false;
  });
  const say = (text: string, tone: 'error' | 'success') => {
    const line = document.createElement('p');
    line.className = `pixport-product-${tone}`;
    line.textContent = text;
    status.prepend(line);
  };

  box.querySelector('[data-pixport-action="process"]')?.addEventListener('click', async () => {
    try {
      panel.show(
        await apiFetch<BatchView>({ path: `/pixport/v1/products/${productId}/process`, method: 'POST' }),
      );
    } catch (error) {
      say(describeError(error).message, 'error');
    }
  });
  restoreButton?.addEventListener('click', async () => {
    try {
      await apiFetch({ path: `/pixport/v1/products/${productId}/restore`, method: 'POST' });
      say('Original images restored. Reload to see them in the product image boxes.', 'success');
      restoreButton.disabled = true;
    } catch (error) {
      say(describeError(error).message, 'error');
    }
  });
});
