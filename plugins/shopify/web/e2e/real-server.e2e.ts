import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildApp } from '../build.js';
import { startRealAppServer, type RealAppServer } from '../test-support/real-app-server.js';
import { accessibilityViolations, embeddedPage, launchChromium, watchConsole } from './browser.js';

/**
 * The built pages served by the real app server (plugins/shopify/server) to Chromium, as the admin loads
 * them: the document without id_token gets the bounce page, whose App Bridge call (stubbed) brings the token,
 * and the reload gets index.html with the API key, CSP frame-ancestors and compressed assets. No hub here.
 */
describe('the real app server serving the built pages', () => {
  let server: RealAppServer;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-shopify-real-'));
    await buildApp({ outDir });
    server = await startRealAppServer({ hub: false, appEnv: { WEB_DIR: outDir } });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('bounces for a session token, then loads Home, which says the shop is not linked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await embeddedPage(context, server);
    const seen = watchConsole(page);
    const documents: Array<{ url: string; csp: string | undefined }> = [];
    const encodings: Array<{ name: string; encoding: string }> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document')
        documents.push({ url: response.url(), csp: response.headers()['content-security-policy'] });
      if (response.url().includes('/assets/') && response.url().endsWith('.js'))
        encodings.push({
          name: path.basename(new URL(response.url()).pathname),
          encoding: response.headers()['content-encoding'] ?? 'identity',
        });
    });
    await page.goto(`${server.url}/?shop=${server.shop}&host=${server.host}&embedded=1`);
    await page.getByRole('heading', { level: 1, name: 'Pixport' }).waitFor();
    await page.getByText('This store is not linked to a Pixport workspace yet').waitFor();
    expect(documents.length).toBe(2);
    expect(new URL(documents[1]!.url).searchParams.get('id_token')).toMatch(/^ey/);
    for (const document of documents)
      expect(document.csp).toBe(`frame-ancestors https://${server.shop} https://admin.shopify.com;`);
    expect(await page.locator('meta[name="shopify-api-key"]').getAttribute('content')).toBe(server.apiKey);
    expect(encodings.length).toBeGreaterThan(0);
    // Brotli wherever the build wrote a copy (it skips files under 1 KB).
    for (const { name, encoding } of encodings)
      expect([name, encoding]).toEqual([
        name,
        fs.existsSync(path.join(outDir, 'assets', `${name}.br`)) ? 'br' : 'identity',
      ]);
    expect(encodings.some(({ encoding }) => encoding === 'br')).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The Products page answers with the server's error, readable, with its request id.
    await page
      .getByRole('navigation', { name: 'Admin app navigation' })
      .getByRole('link', { name: 'Products' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByTestId('request-id').first().waitFor();
    expect(seen.errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
    await context.close();
  });
});
