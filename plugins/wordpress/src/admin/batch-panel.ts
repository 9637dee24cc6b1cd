import apiFetch from '@wordpress/api-fetch';
import { describeError } from '../lib/errors';
import { batchHeadline, batchProgress, columnLabel, isActive, nextPollDelay, type BatchView } from './format';

/**
 * Renders batches and polls the active ones. Each poll also advances the batch on the server; when
 * the tab is closed WP-Cron keeps advancing it, and the next page load shows where it got to.
 */
export class BatchPanel {
  private readonly timers = new Map<string, number>();

  constructor(
    private readonly container: HTMLElement,
    private readonly onFinished: (batch: BatchView) => void = () => undefined,
  ) {}

  show(batch: BatchView): void {
    let box = this.container.querySelector<HTMLElement>(`[data-batch-id="${batch.id}"]`);
    if (!box) {
      box = document.createElement('div');
      box.className = 'notice pixport-batch';
      box.dataset.batchId = batch.id;
      this.container.prepend(box);
    }
    box.dataset.status = batch.status;
    box.classList.toggle('notice-info', batch.status === 'running');
    box.classList.toggle('notice-warning', batch.status === 'paused');
    box.classList.toggle('notice-success', batch.status === 'done' && batch.counts.failed === 0);
    box.classList.toggle('notice-error', batch.status === 'done' && batch.counts.failed > 0);
    box.replaceChildren(...this.render(batch));
    this.updateColumn(batch);
    if (isActive(batch)) this.schedule(batch);
    else this.onFinished(batch);
  }

  private render(batch: BatchView): HTMLElement[] {
    const headline = element('p', { className: 'pixport-batch-headline' }, [
      element('strong', {}, ['Pixport: ']),
      batchHeadline(batch),
    ]);
    const bar = element('progress', {
      className: 'pixport-batch-progress',
      max: 100,
      value: Math.round(batchProgress(batch) * 100),
    });
    const parts: HTMLElement[] = [headline, bar];
    if (batch.message) parts.push(element('p', { className: 'pixport-batch-message' }, [batch.message]));
    const list = element('ul', { className: 'pixport-batch-items' });
    for (const item of batch.items) {
      const row = element('li', { className: `pixport-item pixport-item-${item.state}` }, [
        `${item.title || '#' + item.attachment_id}: ${item.state}`,
      ]);
      row.dataset.attachmentId = String(item.attachment_id);
      if (item.result_id)
        row.append(' → ', element('a', { href: item.edit_url || item.result_url }, [`#${item.result_id}`]));
      if (item.error) row.append(' — ', item.error);
      list.append(row);
    }
    parts.push(list);
    if (batch.status === 'paused') parts.push(this.button('Resume', 'resume', batch));
    if (isActive(batch)) parts.push(this.button('Cancel', 'cancel', batch));
    else parts.push(this.button('Dismiss', 'dismiss', batch));
    return parts;
  }

  /** Keeps the list's Pixport column in step with the batch (no stale "Queued" once it finished). */
  private updateColumn(batch: BatchView): void {
    for (const item of batch.items) {
      const cell = document.querySelector<HTMLElement>(`#post-${item.attachment_id} .pixport-state`);
      if (!cell) continue;
      cell.textContent = columnLabel(item, batch);
      cell.className = `pixport-state pixport-state-${item.state}`;
    }
  }

  private button(label: string, action: 'resume' | 'cancel' | 'dismiss', batch: BatchView): HTMLElement {
    const button = element('button', { type: 'button', className: 'button' }, [label]);
    button.dataset.pixportAction = action;
    button.addEventListener('click', async () => {
      button.setAttribute('disabled', 'disabled');
      try {
        const next = await apiFetch<BatchView>({
          path: `/pixport/v1/batches/${batch.id}/${action}`,
          method: 'POST',
        });
        if (next.dismissed) this.container.querySelector(`[data-batch-id="${batch.id}"]`)?.remove();
        else this.show(next);
      } catch (error) {
        this.error(batch.id, describeError(error).message);
      }
    });
    return element('p', {}, [button]);
  }

  private schedule(batch: BatchView): void {
    window.clearTimeout(this.timers.get(batch.id));
    if (batch.status !== 'running') return; // A paused batch waits for Resume.
    this.timers.set(
      batch.id,
      window.setTimeout(async () => {
        try {
          this.show(await apiFetch<BatchView>({ path: `/pixport/v1/batches/${batch.id}` }));
        } catch (error) {
          this.error(batch.id, describeError(error).message);
          this.schedule(batch);
        }
      }, nextPollDelay(batch)),
    );
  }

  private error(id: string, message: string): void {
    const box = this.container.querySelector<HTMLElement>(`[data-batch-id="${id}"]`);
    box?.append(element('p', { className: 'pixport-batch-error' }, [message]));
  }
}

type Props = Record<string, string | number>;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (string | Node)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}
