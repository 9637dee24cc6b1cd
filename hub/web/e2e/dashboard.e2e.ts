import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../../src/test-support/test-hub.js';
import { buildDashboard } from '../build.js';
import {
  accessibilityViolations,
  horizontalOverflow,
  launchChromium,
  screenshot,
  watchConsole,
} from './browser.js';

/**
 * The newcomer's flow, in order, in one browser: first-run → keys → usage → … Each step leaves the hub in
 * the state the next one starts from, as a real first session would.
 */
describe('the dashboard in Chromium against a real hub', () => {
  let t: TestHub;
  let outDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchConsole>;
  const owner = { name: 'Ada Owner', email: 'ada@example.test', password: 'correct horse battery' };
  let fullKey = '';

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-dashboard-e2e-'));
    await buildDashboard({ outDir });
    t = await startTestHub({ DASHBOARD_DIR: outDir });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    page = await context.newPage();
    seen = watchConsole(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name });
  const expectAccessible = async () => expect(await accessibilityViolations(page)).toEqual([]);

  it('creates the owner account on an empty hub, with the keyboard only', async () => {
    await page.goto(`${t.url}/`);
    await expect(heading('Set up this Pixport hub').waitFor()).resolves.toBeUndefined();
    await expectAccessible();
    await screenshot(page, 'first-run');
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.password);
    await page.keyboard.press('Enter');
    await heading('Overview').waitFor();
    expect(await page.getByText('No active API key yet').isVisible()).toBe(true);
  });

  it('creates a key with chosen scopes and reads it from the shown-once dialog', async () => {
    await nav('API keys').click();
    await heading('API keys').waitFor();
    await page.getByRole('button', { name: 'Create API key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('Storefront server');
    await dialog.getByText('Only the scopes I choose').click();
    for (const scope of [
      'process',
      'tasks:read',
      'tasks:write',
      'usage:read',
      'usage:report',
      'webhooks:manage',
      'presets:manage',
    ]) {
      await dialog.getByText(scope, { exact: true }).click();
      expect(await dialog.getByLabel(scope, { exact: true }).isChecked()).toBe(true);
    }
    await expectAccessible();
    await screenshot(page, 'keys-create');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: /Your new key/ });
    const keyField = shown.getByRole('textbox', { name: 'API key' });
    fullKey = await keyField.inputValue();
    expect(fullKey).toMatch(/^pxp_live_[A-Za-z0-9]{38}$/);
    await shown.getByRole('button', { name: 'Copy the API key' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fullKey);
    await screenshot(page, 'keys-shown-once', { mask: [keyField] });
    await shown.getByRole('button', { name: 'I have stored the key' }).click();
    await shown.waitFor({ state: 'detached' });

    const list = page.getByRole('list', { name: 'API keys' });
    await list.getByText('Storefront server').waitFor();
    expect(await page.content()).not.toContain(fullKey);
    await screenshot(page, 'keys');
  });

  it('shows the key’s use on the overview: figures, last activity and the chart by day', async () => {
    const caller = t.client({ apiKey: fullKey, clientPlatform: 'wordpress' });
    for (let i = 0; i < 5; i++) await caller.validateKey();
    await caller.reportUsage({ tool: 'rm-bg', count: 3 });
    await caller.raw({
      method: 'post',
      url: '/api/wordpress-plugin/usage/report',
      data: { tool: 'no-such-tool' },
    });

    await nav('Overview').click();
    await page.reload();
    await heading('Overview').waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    const total = page.getByText('Total', { exact: true }).locator('xpath=following-sibling::*[1]');
    expect(await total.textContent()).toBe('7');
    expect(await page.getByRole('figure').getAttribute('aria-label')).toMatch(/^7 requests and 1 errors/);
    await screenshot(page, 'overview');
    await page.getByRole('button', { name: 'Show the numbers by day' }).click();
    await page.getByRole('table').first().waitFor();
    await expectAccessible();

    await nav('API keys').click();
    const row = page.getByRole('list', { name: 'API keys' }).getByRole('listitem').first();
    await row.getByText(/from 127\.0\.0\.1 · WordPress/).waitFor();
    expect(await row.getByText('7', { exact: true }).count()).toBe(1);
  });

  it('is readable at 360 px: no sideways scrolling, navigation in a drawer', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    for (const panel of ['Overview', 'API keys']) {
      await page.getByRole('button', { name: 'Toggle menu' }).click();
      await nav(panel).click();
      await heading(panel).waitFor();
      expect([panel, await horizontalOverflow(page)]).toEqual([panel, 0]);
    }
    await screenshot(page, 'keys-360px');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('signs out and back in, keeping no secret in storage, the URL or the console', async () => {
    const storage = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
    );
    expect(storage).toBe('{"local":{},"session":{}}');
    expect(page.url()).not.toContain(fullKey.slice(9));
    expect(seen.messages.join('\n')).not.toContain(fullKey.slice(9));
    expect(seen.errors).toEqual([]);

    await page.getByRole('button', { name: /Ada Owner/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await heading('Sign in to Pixport').waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('request id').waitFor();
    expect(await page.getByTestId('request-id').textContent()).toMatch(/^req_/);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back on the panel the session ended on: the route lives in the URL's hash.
    await heading('API keys').waitFor();
  });
});
