import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/screenshots',
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

/** Records what the page logs and throws, so a test can assert that no secret and no error reached them. */
export function watchConsole(page: Page): { messages: string[]; errors: string[] } {
  const seen = { messages: [] as string[], errors: [] as string[] };
  page.on('console', (message) => seen.messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2 A/AA violations on the current page. axe is evaluated through the DevTools protocol:
 * the page's own CSP (rightly) refuses injected script tags.
 */
type Violation = { id: string; help: string; targets: string[] };

export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  // Page-side code as strings: it runs in Chromium, and this file is type-checked for Node.
  return page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((violation) => ({
        id: violation.id,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })))`,
  );
}

/** How far the page is wider than the viewport (0 = no sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** Saves docs/screenshots/<name>.png: the viewport (the whole page with `fullPage`), or one element (`target`), with secrets masked. */
export async function screenshot(
  page: Page,
  name: string,
  options: { mask?: Locator[]; target?: Locator; fullPage?: boolean } = {},
): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (options.target)
    await options.target.screenshot({ path: file, animations: 'disabled', mask: options.mask });
  else
    await page.screenshot({
      path: file,
      animations: 'disabled',
      mask: options.mask,
      fullPage: options.fullPage,
    });
}

/** Polls `read` until it returns `expected` (page-side waits would need eval, which the page's CSP refuses). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected) {
    if (Date.now() > deadline)
      throw new Error(`still ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
}
