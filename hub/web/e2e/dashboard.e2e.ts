import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { productOn } from '../../src/processing/test-images.js';
import { startMarketplaceHub, type MarketplaceHub } from '../../src/test-support/marketplace-sandboxes.js';
import type { TestHub } from '../../src/test-support/test-hub.js';
import { startReceiver } from '../test-support/receiver.js';
import { buildDashboard } from '../build.js';
import {
  accessibilityViolations,
  horizontalOverflow,
  launchChromium,
  eventually,
  screenshot,
  watchConsole,
} from './browser.js';

/**
 * The newcomer's flow, in order, in one browser: first-run → keys → usage → … Each step leaves the hub in
 * the state the next one starts from, as a real first session would.
 */
describe('the dashboard in Chromium against a real hub', () => {
  let t: TestHub;
  let marketplaces: MarketplaceHub;
  let outDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchConsole>;
  const owner = { name: 'Ada Owner', email: 'ada@example.test', password: 'correct horse battery' };
  let fullKey = '';
  let productShot: Buffer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    productShot = await productOn(
      '#f2f2f2',
      { width: 900, height: 700 },
      { left: 300, top: 150, width: 300, height: 400 },
    );
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-dashboard-e2e-'));
    await buildDashboard({ outDir });
    // The marketplace sandboxes and the webhook receiver run on 127.0.0.1, which the hub refuses unless its
    // operator allows private targets: startMarketplaceHub does, and points Shopify calls at its sandbox.
    marketplaces = await startMarketplaceHub({ hub: { DASHBOARD_DIR: outDir } });
    t = marketplaces.t;
    receiver = await startReceiver();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    page = await context.newPage();
    seen = watchConsole(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await marketplaces?.close();
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
    // New keys default to test mode; this walk-through uses a live one (full-size outputs).
    expect(await dialog.getByLabel('Test', { exact: true }).isChecked()).toBe(true);
    await dialog.getByText('Live', { exact: true }).click();
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
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(fullKey);
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
    await page.getByRole('table', { name: 'Requests and errors by day' }).waitFor();
    await expectAccessible();

    await nav('API keys').click();
    const row = page.getByRole('list', { name: 'API keys' }).getByRole('listitem').first();
    await row.getByText(/from 127\.0\.0\.1 · WordPress/).waitFor();
    expect(await row.getByText('7', { exact: true }).count()).toBe(1);
  });

  it('runs process in the tester on an uploaded image and shows the output next to it', async () => {
    await nav('Endpoints & tester').click();
    await heading('Endpoints & tester').waitFor();
    await page.getByRole('textbox', { name: 'API key' }).fill(fullKey);
    expect(await page.getByLabel('Endpoint').inputValue()).toBe('post /api/v1/process');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'shoe.jpg', mimeType: 'image/jpeg', buffer: productShot });
    await page.getByRole('button', { name: /Show \d+ optional parameters/ }).click();
    await page.getByLabel('width', { exact: true }).fill('600');
    await page.getByLabel('height', { exact: true }).fill('600');
    await page.getByLabel('margin', { exact: true }).fill('0.1');
    const preview = await page.getByLabel('Request preview').textContent();
    expect(preview).toContain(`-F 'width=600'`);
    expect(preview).not.toContain(fullKey);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('HTTP 200', { exact: true }).waitFor();
    const output = page.getByRole('img', { name: 'After (the output)' });
    await output.waitFor();
    expect(
      await output.evaluate((image: { naturalWidth: number; naturalHeight: number }) => [
        image.naturalWidth,
        image.naturalHeight,
      ]),
    ).toEqual([600, 600]);
    expect(await page.locator('[data-header="x-request-id"]').textContent()).toMatch(/^req_/);
    const body = JSON.parse((await page.getByLabel('Response body').textContent())!) as {
      operation: string;
      credits_charged: number;
    };
    expect(body.operation).toBe('process');
    await expectAccessible();
    await screenshot(page, 'endpoints-tester', {
      target: page.locator('.Polaris-ShadowBevel', { has: page.getByRole('heading', { name: 'Tester' }) }),
      mask: [page.getByRole('textbox', { name: 'API key' })],
    });
  });

  it('submits the same image as an async task from the tester and follows it to succeeded', async () => {
    await page.getByLabel('Endpoint').selectOption('post /api/v1/jobs');
    await page.getByLabel('operation', { exact: true }).selectOption({ label: 'process' });
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'shoe.jpg', mimeType: 'image/jpeg', buffer: productShot });
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('HTTP 202', { exact: true }).waitFor();
    await page.getByText(/: succeeded$/).waitFor({ timeout: 60_000 });
    await page.getByRole('img', { name: 'After (the output)' }).waitFor();
  });

  it('shows the task in the queue, succeeded, with its result', async () => {
    await nav('Task queue').click();
    await heading('Task queue').waitFor();
    const tasks = page.getByRole('list', { name: 'Tasks' });
    await tasks.getByText('succeeded').first().waitFor();
    await tasks
      .getByRole('button', { name: /^Preview the result of/ })
      .first()
      .click();
    await tasks
      .getByRole('img', { name: /^Result of task/ })
      .first()
      .waitFor();
    await expectAccessible();
    await screenshot(page, 'tasks');
  });

  it('subscribes a receiver started by the test and sees a task’s delivery in the log', async () => {
    await nav('Webhooks').click();
    await heading('Webhooks').waitFor();
    await page.getByRole('button', { name: 'Add subscription' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a webhook subscription' });
    await dialog.getByLabel('Endpoint URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Add subscription' }).click();
    const shown = page.getByRole('dialog', { name: 'Subscription added' });
    expect(await shown.getByRole('textbox', { name: 'Signing secret' }).inputValue()).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'I have stored the secret' }).click();
    await shown.waitFor({ state: 'detached' });

    // A task submitted now ends with task.succeeded, which the hub signs and delivers.
    const delivered = receiver.next();
    await t
      .client({ apiKey: fullKey })
      .submitTask('process', { image: { data: productShot, filename: 'shoe.jpg' } });
    expect(JSON.parse((await delivered).body)).toMatchObject({ event: 'task.succeeded' });
    const row = page.getByRole('list', { name: 'Webhook subscriptions' }).getByRole('listitem').first();
    await row.getByRole('button', { name: /delivery log/ }).click();
    const log = row.getByRole('list', { name: `Deliveries to ${receiver.url}` });
    await log.getByText('task.succeeded').waitFor();
    await log.getByText('delivered').first().waitFor();
    await expectAccessible();
    await screenshot(page, 'webhooks');
  });

  it('saves a preset and applies it in the tester', async () => {
    await nav('Presets').click();
    await heading('Presets').waitFor();
    await page.getByRole('button', { name: 'Save a preset' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Save a preset' });
    await dialog.getByLabel('Name').fill('amazon-main-white');
    await dialog.getByLabel('width', { exact: true }).fill('1600');
    await dialog.getByLabel('height', { exact: true }).fill('1600');
    await dialog.getByLabel('background', { exact: true }).fill('#ffffff');
    await dialog.getByRole('button', { name: 'Save preset' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Request preview of amazon-main-white' }).click();
    expect(await page.getByLabel('Request of amazon-main-white', { exact: true }).textContent()).toContain(
      `-F 'width=1600'`,
    );
    await expectAccessible();
    await screenshot(page, 'presets');
    await page.getByRole('link', { name: 'Use in the tester: amazon-main-white' }).click();
    await heading('Endpoints & tester').waitFor();
    // The tester applies the preset once the presets have loaded.
    await eventually(() => page.getByLabel('Endpoint').inputValue(), 'post /api/v1/jobs');
    await eventually(() => page.getByLabel('width', { exact: true }).inputValue(), '1600');
  });

  it('connects a Shopify store, syncs its catalog and publishes a task’s output to a product', async () => {
    const shop = marketplaces.body('shopify').credentials;
    await nav('Integrations').click();
    await heading('Integrations').waitFor();
    await page.getByRole('button', { name: 'Connect a marketplace' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Connect a marketplace' });
    await dialog.getByLabel('Marketplace').selectOption('shopify');
    await dialog.getByLabel('Name', { exact: true }).fill('Sandbox shop');
    await dialog.getByLabel('Shop', { exact: true }).fill(shop.shop);
    await dialog.getByLabel('Access token', { exact: true }).fill(shop.accessToken);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('list', { name: 'Integrations' }).getByRole('listitem').first();
    expect(await row.textContent()).not.toContain(shop.accessToken);
    await row.getByRole('button', { name: 'Verify Sandbox shop' }).click();
    await row.getByText('verified', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Sync Sandbox shop' }).click();
    await row.getByText(/: succeeded, /).waitFor({ timeout: 60_000 });
    const products = page.getByRole('list', { name: 'Products of Sandbox shop' });
    await products.getByRole('listitem').first().waitFor();
    await products
      .getByRole('button', { name: /^Publish to / })
      .first()
      .click();
    const publish = page.getByRole('dialog', { name: /^Publish to/ });
    await publish.getByLabel('Output to publish').waitFor();
    await publish.getByRole('button', { name: 'Publish' }).click();
    await publish.waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: 'Publish activity' })
      .getByText('succeeded')
      .waitFor({ timeout: 60_000 });
    await expectAccessible();
    // The whole panel: the connection, its catalog and the publish activity below them.
    await screenshot(page, 'integrations', { fullPage: true });
  });

  it('lists the contracts with examples in four languages', async () => {
    await nav('Endpoints & tester').click();
    await page.getByLabel('Find a route').fill('process');
    const images = page.getByRole('list', { name: 'Images routes' });
    await images.getByRole('button', { name: '/api/v1/process', exact: true }).click();
    await page.getByRole('button', { name: 'Python' }).click();
    expect(await page.getByLabel('Python example', { exact: true }).textContent()).toContain(
      "files=[('image', ('product.jpg'",
    );
    await expectAccessible();
    await screenshot(page, 'endpoints-contracts', {
      target: page.locator('.Polaris-ShadowBevel', { has: images }),
    });
  });

  it('shows the request log with filters and paging', async () => {
    await nav('Usage logs').click();
    await heading('Usage logs').waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(5);
    await page.getByLabel('Client platform').selectOption('wordpress');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // A locator wait, not a page function: the dashboard's CSP rightly refuses string evaluation.
    await page.locator('tbody tr').filter({ hasNotText: 'WordPress' }).first().waitFor({ state: 'detached' });
    await expectAccessible();
    await screenshot(page, 'usage-logs');
  });

  it('shows the team and the audit log', async () => {
    const colleague = await t.newAccount('Grace Developer');
    await nav('Team & audit').click();
    await heading('Team & audit').waitFor();
    await page.getByLabel('Email of a registered user').fill(colleague.email);
    await page.getByLabel('Role', { exact: true }).selectOption('developer');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page
      .getByRole('list', { name: 'Members' })
      .getByRole('heading', { name: 'Grace Developer' })
      .waitFor();
    await page.getByRole('list', { name: 'Audit events' }).getByText('member.added').waitFor();
    await expectAccessible();
    await screenshot(page, 'team');
  });

  it('is readable at 360 px: no sideways scrolling, navigation in a drawer', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    for (const panel of [
      'Overview',
      'API keys',
      'Endpoints & tester',
      'Task queue',
      'Webhooks',
      'Presets',
      'Integrations',
      'Usage logs',
      'Team & audit',
    ]) {
      await page.getByRole('button', { name: 'Toggle menu' }).click();
      await nav(panel).click();
      await heading(panel).waitFor();
      expect([panel, await horizontalOverflow(page)]).toEqual([panel, 0]);
    }
    await screenshot(page, 'keys-360px');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('signs out and back in, keeping no secret in storage, the URL or the console', async () => {
    const storage = await page.evaluate<string>(
      'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })',
    );
    expect(storage).toBe('{"local":{},"session":{}}');
    expect(page.url()).not.toContain(fullKey.slice(9));
    expect(seen.messages.join('\n')).not.toContain(fullKey.slice(9));
    expect(seen.errors).toEqual([]);

    await page.getByRole('button', { name: /^Ada Owner Ada Owner/ }).click();
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
    await heading('Team & audit').waitFor();
  });

  it('revokes the key in the dashboard, after which the tester gets 401 key_revoked', async () => {
    await nav('API keys').click();
    const row = page
      .getByRole('list', { name: 'API keys' })
      .getByRole('listitem')
      .filter({ hasText: 'Storefront server' });
    await row.getByRole('button', { name: /^Revoke Storefront server/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('revoked', { exact: true }).waitFor();

    await nav('Endpoints & tester').click();
    await page.getByRole('textbox', { name: 'API key' }).fill(fullKey);
    await page.getByLabel('Endpoint').selectOption('get /api/v1/usage');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('HTTP 401', { exact: true }).waitFor();
    expect(await page.getByText(/code key_revoked/).textContent()).toMatch(/request id req_/);
  });
});
