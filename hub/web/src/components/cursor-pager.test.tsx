import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Page } from '@pixport/shared';
import { useCursorPages } from '../api/use-cursor-pages.js';
import { renderWithPolaris } from '../../test-support/render.js';
import { CursorPager } from './cursor-pager.js';

/**
 * A list paged like the hub pages its lists: newest first, `next_cursor` = the last id shown, null at the end.
 * Every call is recorded (filter, cursor) so a test can see which cursor went with which filter.
 */
function pagedSource(size: number, pageSize: number, options: { slow?: () => Promise<void> } = {}) {
  const calls: Array<{ filter: string; cursor: string | undefined }> = [];
  const load = async (filter: string, cursor: string | undefined): Promise<Page<string>> => {
    calls.push({ filter, cursor });
    await options.slow?.();
    const all = Array.from({ length: size }, (_, i) => `${filter}-${size - i}`);
    const start = cursor === undefined ? 0 : all.indexOf(cursor) + 1;
    if (cursor !== undefined && start === 0) throw new Error(`cursor ${cursor} is not from filter ${filter}`);
    const data = all.slice(start, start + pageSize);
    return { data, next_cursor: start + pageSize < all.length ? data[data.length - 1]! : null };
  };
  return { calls, load };
}

function Things({ load }: { load: (filter: string, cursor: string | undefined) => Promise<Page<string>> }) {
  const [filter, setFilter] = useState('a');
  const page = useCursorPages((cursor) => load(filter, cursor), [filter]);
  return (
    <div>
      <button onClick={() => setFilter('b')}>Filter b</button>
      {page.error ? <p role="alert">{page.error.message}</p> : null}
      <ul aria-label="Things">
        {page.rows.map((row) => (
          <li key={row}>{row}</li>
        ))}
      </ul>
      <CursorPager pager={page.pager} previousLabel="Newer things" nextLabel="Older things" />
    </div>
  );
}

const shown = () =>
  within(screen.getByRole('list', { name: 'Things' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent);
const button = (name: string) => screen.getByRole('button', { name });
const disabled = (name: string) => button(name).getAttribute('aria-disabled') === 'true';

describe('useCursorPages with CursorPager', () => {
  it('follows the hub’s cursor page by page and walks back the same way', async () => {
    const source = pagedSource(25, 10);
    const user = userEvent.setup();
    renderWithPolaris(<Things load={source.load} />);
    await waitFor(() => expect(shown()).toHaveLength(10));
    expect(shown()[0]).toBe('a-25');
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(disabled('Newer things')).toBe(true);

    await user.click(button('Older things'));
    await waitFor(() => expect(shown()[0]).toBe('a-15'));
    expect(screen.getByText('Page 2')).toBeTruthy();
    await user.click(button('Older things'));
    await waitFor(() => expect(shown()).toEqual(['a-5', 'a-4', 'a-3', 'a-2', 'a-1']));
    expect(disabled('Older things')).toBe(true);
    expect(source.calls.map((call) => call.cursor)).toEqual([undefined, 'a-16', 'a-6']);

    await user.click(button('Newer things'));
    await waitFor(() => expect(shown()[0]).toBe('a-15'));
    await user.click(button('Newer things'));
    await waitFor(() => expect(shown()[0]).toBe('a-25'));
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(source.calls.at(-1)).toEqual({ filter: 'a', cursor: undefined });
  });

  it('goes back to the first page when the filters change, never sending an old cursor with new filters', async () => {
    const source = pagedSource(25, 10);
    const user = userEvent.setup();
    renderWithPolaris(<Things load={source.load} />);
    await waitFor(() => expect(shown()).toHaveLength(10));
    await user.click(button('Older things'));
    await waitFor(() => expect(shown()[0]).toBe('a-15'));

    await user.click(button('Filter b'));
    await waitFor(() => expect(shown()[0]).toBe('b-25'));
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(source.calls.filter((call) => call.filter === 'b')).toEqual([{ filter: 'b', cursor: undefined }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('moves one page for a double click while the next page loads', async () => {
    let release: () => void = () => undefined;
    const gate = { closed: false };
    const source = pagedSource(35, 10, {
      slow: () => (gate.closed ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    const user = userEvent.setup();
    renderWithPolaris(<Things load={source.load} />);
    await waitFor(() => expect(shown()).toHaveLength(10));
    gate.closed = true;
    await user.click(button('Older things'));
    await user.click(button('Older things'));
    gate.closed = false;
    release();
    await waitFor(() => expect(shown()[0]).toBe('a-25'));
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect(source.calls.map((call) => call.cursor)).toEqual([undefined, 'a-26']);
  });

  it('is used with the keyboard alone', async () => {
    const source = pagedSource(12, 10);
    const user = userEvent.setup();
    renderWithPolaris(<Things load={source.load} />);
    await waitFor(() => expect(shown()).toHaveLength(10));
    button('Filter b').focus();
    // Filter b → Newer things (disabled, skipped) → Older things.
    await user.tab();
    expect(document.activeElement).toBe(button('Older things'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(shown()).toEqual(['a-2', 'a-1']));
  });
});
