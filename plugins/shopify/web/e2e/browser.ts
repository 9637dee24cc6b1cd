import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mintIdToken } from '../test-support/session-token.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/screenshots',
);

/** Debian's Chromium, headless, with nothing phoning home (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page as the admin's iframe would be: App Bridge's CDN script answered empty, `window.shopify` installed by
 * an init script before any of the page's own scripts, its session tokens minted in Node with the app's secret.
 */
export async function embeddedPage(
  context: BrowserContext,
  server: { apiKey: string; secret: string; shop: string },
): Promise<Page> {
  await context.route('https://cdn.shopify.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
  );
  const page = await context.newPage();
  await page.exposeFunction('__pixportMintIdToken', () => mintIdToken(server));
  await page.addInitScript({
    path: path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-bridge-stub.js'),
  });
  return page;
}

export function watchConsole(page: Page): { errors: string[] } {
  const seen = { errors: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type Violation = { id: string; help: string; targets: string[] };

/** axe-core's WCAG 2 A/AA violations on the current page. */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((violation) => ({
        id: violation.id,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })))`,
  );
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    animations: 'disabled',
    fullPage: options.fullPage,
  });
}
