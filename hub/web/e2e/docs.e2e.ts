import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../../src/test-support/test-hub.js';
import { buildDashboard } from '../build.js';
import { accessibilityViolations, launchChromium, screenshot, watchConsole } from './browser.js';

/** /docs: Scalar's reference over the hub's OpenAPI document, in Chromium, from this origin only. */
describe('the API reference at /docs', () => {
  let t: TestHub;
  let outDir: string;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-docs-e2e-'));
    await buildDashboard({ outDir });
    t = await startTestHub({ DASHBOARD_DIR: outDir });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('renders the operations first, with code samples, a way back to the dashboard, a favicon, and no other origin', async () => {
    const seen = watchConsole(page);
    await page.goto(`${t.url}/docs`);
    await page.getByRole('heading', { name: 'Images', exact: true }).first().waitFor({ timeout: 60_000 });
    // The first section of the reference is the image operations.
    const sections = await page.locator('li[data-sidebar-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-sidebar-id')));
    expect(sections.filter((id) => /^pixport-api\/tag\/[^/]+$/.test(id ?? '')).slice(0, 3)).toEqual(['pixport-api/tag/images', 'pixport-api/tag/tasks', 'pixport-api/tag/presets']);
    expect(await page.getByRole('link', { name: '← Pixport dashboard' }).getAttribute('href')).toBe('/');
    await page.getByText('curl', { exact: false }).first().waitFor();
    expect(await page.getByText('/api/v1/process').count()).toBeGreaterThan(0);
    const icon = await page.request.get(`${t.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(failed).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(t.url) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(seen.errors).toEqual([]);
    await screenshot(page, 'docs');
  });

  it('has no WCAG A/AA violation, and fits 390 px', async () => {
    await page.waitForTimeout(300); // the page's labelling pass runs 50 ms after the renderer's changes
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await screenshot(page, 'docs-390px');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
