import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../build.js';
import { startTestAppServer, type TestAppServer } from '../test-support/app-server/server.js';
import {
  accessibilityViolations,
  embeddedPage,
  launchChromium,
  screenshot,
  watchConsole,
} from './browser.js';

/**
 * The merchant's first session, in order, in one browser: install (open the app) → sync products → a bulk job
 * over all 50 sandbox products (it pauses out of credits, says why, resumes when credits return) → review →
 * publish → restore one image, then the whole job → usage. Each step starts from the state the last one left.
 */
/** Every image in the viewport has loaded (lazy ones below the fold load only when scrolled to). */
function imagesShown(page: Page) {
  return page.waitForFunction(() =>
    [...document.images]
      .filter((image) => image.getBoundingClientRect().top < window.innerHeight)
      .every((image) => image.complete && image.naturalWidth > 0),
  );
}

describe('the Shopify app pages in Chromium', () => {
  let server: TestAppServer;
  let outDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchConsole>;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-shopify-e2e-'));
    await buildApp({ outDir });
    // 40 credits: the 50-image job runs out part-way, as a merchant's would.
    server = await startTestAppServer({ products: 50, credits: 40, distDir: outDir, tickMs: 120, batch: 4 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await embeddedPage(context, server);
    seen = watchConsole(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Admin app navigation' }).getByRole('link', { name });
  const expectAccessible = async () => expect(await accessibilityViolations(page)).toEqual([]);
  const toasts = () => page.evaluate<string[]>('window.__pixportToasts');

  it('opens on Home with the getting-started card after install', async () => {
    await page.goto(
      `${server.url}/?shop=${server.shop}&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvcGl4cG9ydA&embedded=1`,
    );
    await heading('Pixport').waitFor();
    await page.getByRole('list', { name: 'Getting started' }).waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(await page.getByText('40', { exact: true }).first().isVisible()).toBe(true);
    await expectAccessible();
    await screenshot(page, 'shopify-home');
    // Every API call carried a session token, and the page never showed an error.
    expect(
      server.requests
        .filter((r) => r.path.startsWith('/api/'))
        .every((r) => r.authorization?.startsWith('Bearer ey')),
    ).toBe(true);
  });

  it('syncs the catalog and lists 50 products with their compliance', async () => {
    await nav('Products').click();
    await heading('Products').waitFor();
    expect(new URL(page.url()).searchParams.get('shop')).toBe(server.shop);
    // With the keyboard only: Tab until "Sync catalog" has focus, then Enter.
    const sync = page.getByRole('button', { name: 'Sync catalog' });
    await sync.waitFor();
    for (
      let presses = 0;
      presses < 30 && !(await sync.evaluate((button) => button === document.activeElement));
      presses++
    )
      await page.keyboard.press('Tab');
    expect(await sync.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('50 products match').waitFor();
    const table = page.getByRole('region', { name: 'Products' });
    await table.getByText('Classic Bottle 1', { exact: true }).waitFor();
    expect(await table.getByLabel('Amazon: fails').count()).toBeGreaterThan(0);
    await imagesShown(page);
    await expectAccessible();
    await screenshot(page, 'shopify-products');
  });

  it('selects all 50 products, previews three for free, sees the estimate and runs', async () => {
    const table = page.getByRole('region', { name: 'Products' });
    await table.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Select all 50 products' }).click();
    await page.getByText('All 50 products are selected').waitFor();
    await page.getByRole('button', { name: 'Process 50 products' }).first().click();
    await heading('New bulk job').waitFor();
    await page.getByLabel('Preset').selectOption({ label: 'Amazon main image (marketplace)' });
    const estimate = page.getByLabel('Credit estimate', { exact: true });
    await estimate.getByText('50').first().waitFor();
    await page.getByText('Not enough credits for the whole job').waitFor();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('img', { name: 'Classic Bottle 1: after' }).waitFor();
    expect(await page.getByRole('img', { name: /: after$/ }).count()).toBe(3);
    await expectAccessible();
    await page.getByRole('button', { name: 'Run on 50 images' }).click();
    await heading('Job: Amazon main image').waitFor();
  });

  it('pauses out of credits and says why, then resumes by itself when credits return', async () => {
    await page.getByText('Paused: out of credits').waitFor({ timeout: 30_000 });
    await page.getByText(/resumes by itself when credits return/).waitFor();
    await page.getByText('40 of 50 images done', { exact: false }).waitFor();
    await expectAccessible();
    await screenshot(page, 'shopify-job', { fullPage: false });
    server.addCredits(100);
    await page.getByText('Job complete').waitFor({ timeout: 30_000 });
    expect(server.ledger.credits_remaining).toBe(90); // 140 − 50 images × 1 credit: nothing charged twice
  });

  it('reviews: approves all but one, rejects that one, and publishes the approved images', async () => {
    await page.getByRole('button', { name: 'Review 50 images' }).click();
    await heading('Review').waitFor();
    const grid = page.getByRole('list', { name: 'Images to review' });
    await grid.getByRole('listitem').first().waitFor();
    await imagesShown(page);
    await expectAccessible();
    await screenshot(page, 'shopify-review');
    await page.getByRole('button', { name: 'Reject Classic Bottle 1, image 1' }).click();
    await page.getByRole('button', { name: 'Approve all' }).click();
    await page.getByText('Nothing waiting for review').waitFor();
    await page.getByRole('button', { name: 'Publish 49 approved images' }).click();
    await page.waitForFunction(() =>
      (window as unknown as { __pixportToasts: string[] }).__pixportToasts.includes(
        'Publishing 49 images to your store',
      ),
    );
    const job = server.engine.records[0]!;
    const deadline = Date.now() + 15_000;
    while (job.job.counts.published < 49 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(job.job.counts.published).toBe(49);
    const rejected = job.items.find((item) => item.review === 'rejected')!;
    expect(rejected.product_title).toBe('Classic Bottle 1');
    expect(rejected.publish).toBe('none');
    expect(server.store[0]!.images[0]!.live).toBe('original');
    expect(server.store[1]!.images[0]!.live).not.toBe('original');
  });

  it('restores one image, then the whole job', async () => {
    await nav('Undo').click();
    await heading('Undo').waitFor();
    const table = page.getByRole('region', { name: 'Published images' });
    await table.getByRole('button', { name: 'Restore image 1 of Everyday Bag 2', exact: true }).click();
    await table.getByText('Original restored').waitFor();
    expect(server.store[1]!.images[0]!.live).toBe('original');
    await expectAccessible();
    await page.getByRole('button', { name: /^Restore the whole job/ }).click();
    const deadline = Date.now() + 15_000;
    while (server.store.some((p) => p.images.some((i) => i.live !== 'original')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.store.every((p) => p.images.every((i) => i.live === 'original'))).toBe(true);
    // The page follows: no image left to restore, so no restore buttons.
    await table
      .getByRole('button', { name: /^Restore image/ })
      .first()
      .waitFor({ state: 'detached' });
  });

  it('shows usage by day and operation, with the link to the full dashboard', async () => {
    await nav('Usage and plan').click();
    await heading('Usage and plan').waitFor();
    const table = page.getByRole('table', { name: /Requests and credits by day/ });
    await table.getByText('process', { exact: true }).waitFor();
    await expectAccessible();
    await screenshot(page, 'shopify-usage');
    // The dashboard opens in a new tab on a one-time sign-in link the server asks the hub for.
    await context.route('https://hub.example.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Pixport dashboard</title>' }),
    );
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open the full Pixport dashboard' }).click(),
    ]);
    await tab.waitForURL(/^https:\/\/hub\.example\.test\/dashboard\/sign-in\?code=[0-9a-f]{32}$/);
    await tab.close();
    expect(server.dashboardLinks()).toBe(1);
    // On a phone-sized admin the pages reflow instead of scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ['Home', 'Products', 'Usage and plan']) {
      await nav(name).click();
      await heading(name === 'Home' ? 'Pixport' : name).waitFor();
      expect([
        name,
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ]).toEqual([name, 0]);
    }
    expect(await toasts()).toEqual(expect.arrayContaining(['Catalog sync started', 'Bulk job started']));
    expect(seen.errors).toEqual([]);
  });
});
