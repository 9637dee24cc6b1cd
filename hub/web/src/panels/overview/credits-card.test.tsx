import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { renderSignedIn } from '../../../test-support/render.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import OverviewPanel from './overview-panel.js';

describe('the overview’s credits, on a real hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('shows the balance of the period, the refill, the limits and each operation’s cost', async () => {
    const { client } = await hub.newAccount('Credits');
    const account = await client.account();
    await renderSignedIn(<OverviewPanel />, client, hub.keyClient);
    const n = (value: number) => new Intl.NumberFormat('en').format(value);
    const balance = `${n(account.credits.balance)} of ${n(account.credits.monthly)} left`;
    expect(await screen.findByText(balance)).toBeTruthy();
    expect(
      screen.getByText(`Live keys: ${n(account.plan.rate_limit_per_minute)} requests/min each`),
    ).toBeTruthy();
    const costs = screen.getByRole('table', { name: 'Credits per call' });
    for (const [operation, cost] of Object.entries(account.credits.costs)) {
      const row = within(costs).getByText(operation).closest('tr')!;
      expect(row.textContent).toBe(`${operation}${cost}`);
    }
  });
});
