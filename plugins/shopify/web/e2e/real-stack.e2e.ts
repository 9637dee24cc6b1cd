import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../build.js';
import { startRealAppServer, type RealAppServer } from '../test-support/real-app-server.js';
import { embeddedPage, launchChromium, watchConsole } from './browser.js';

/**
 * The built pages on the whole real stack: the app server (worker running), a real hub process, the
 * marketplace package's Shopify sandbox. Install (first load links the shop to a new hub organization) →
 * sync → a bulk job over every sandbox product → review → publish. (Following the publish to the store and
 * restoring it runs on the contract server in app.e2e.ts; on the real stack it waits for the hub's publish
 * events to reach the app's items.)
 */
describe('the pages on the real stack (app server + hub + Shopify sandbox)', () => {
  let server: RealAppServer;
  let browser: Browser;
  let page: Page;
  let outDir: string;
  let seen: ReturnType<typeof watchConsole>;
  const PRODUCTS = Number(process.env.E2E_PRODUCTS ?? 12);

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-shopify-stack-'));
    await buildApp({ outDir });
    server = await startRealAppServer({
      hub: true,
      runWorker: true,
      products: PRODUCTS,
      appEnv: { WEB_DIR: outDir },
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

  it('installs: the first load links the shop and Home shows the hub connected', async () => {
    await page.goto(`${server.url}/?shop=${server.shop}&host=${server.host}&embedded=1`);
    await heading('Pixport').waitFor();
    await page.getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('This store is not linked to a Pixport workspace yet').count()).toBe(0);
  });

  it('syncs the catalog through the hub and lists the sandbox products', async () => {
    await nav('Products').click();
    await heading('Products').waitFor();
    await page.getByRole('button', { name: 'Sync catalog' }).click();
    await page.getByText(`${PRODUCTS} products match`).waitFor({ timeout: 90_000 });
  });

  it('runs a bulk job over every product and follows it to the end', async () => {
    const table = page.getByRole('region', { name: 'Products' });
    await table.getByRole('checkbox').first().check();
    const all = page.getByRole('button', { name: `Select all ${PRODUCTS} products` });
    if (await all.count()) await all.click();
    await page
      .getByRole('button', { name: new RegExp(`^Process ${PRODUCTS} products$`) })
      .first()
      .click();
    await heading('New bulk job').waitFor();
    // The hub answers the estimate (or says it cannot, in the estimate card); either way the job can run.
    await page
      .getByText(/Credits needed|Could not estimate the credits/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /^Run/ }).click();
    await heading(/^Job: /).waitFor();
    await page.getByText('Job complete').waitFor({ timeout: 150_000 });
  }, 240_000);

  it('reviews: approves every result and sends the approved images to publish', async () => {
    await page.getByRole('button', { name: /^Review \d+ images$/ }).click();
    await heading('Review').waitFor();
    await page.getByRole('list', { name: 'Images to review' }).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Approve all' }).click();
    await page.getByText('Nothing waiting for review').waitFor();
    await page.getByRole('button', { name: /^Publish \d+ approved images?$/ }).click();
    await page.waitForFunction(() =>
      (window as unknown as { __pixportToasts: string[] }).__pixportToasts.some((message) =>
        /^Publishing \d+ images? to your store$/.test(message),
      ),
    );
    expect(seen.errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  }, 240_000);
});
