import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Every text body the site served to this context (HTML pages, REST JSON, scripts), to search for secrets. */
export class ServedBodies {
  readonly bodies: { url: string; body: string }[] = [];

  watch(context: BrowserContext): void {
    context.on('response', (response: Response) => void this.capture(response));
  }

  private async capture(response: Response): Promise<void> {
    const type = response.headers()['content-type'] ?? '';
    if (!/html|json|javascript|text/.test(type)) return;
    try {
      this.bodies.push({ url: response.url(), body: await response.text() });
    } catch {
      // Redirects and aborted navigations have no body.
    }
  }

  containing(secret: string): string[] {
    return this.bodies.filter((entry) => entry.body.includes(secret)).map((entry) => entry.url);
  }
}

/** Calls the site's REST API as the page's signed-in user (cookie + REST nonce); throws on an error status. */
export async function rest<T>(
  page: Page,
  path: string,
  options: { method?: string; data?: unknown } = {},
): Promise<T> {
  const { status, body } = await restRaw(page, path, options);
  if (status < 200 || status >= 300)
    throw new Error(`${options.method ?? 'GET'} ${path} → ${status}: ${body}`);
  return JSON.parse(body) as T;
}

/** The same call, answering status + body instead of throwing; `nonce: false` leaves the nonce out. */
export async function restRaw(
  page: Page,
  path: string,
  options: { method?: string; data?: unknown; nonce?: boolean } = {},
): Promise<{ status: number; body: string }> {
  return page.evaluate(
    async ({ path, options }) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (options.nonce !== false) {
        // WordPress hands a signed-in user a REST nonce at admin-ajax.php?action=rest-nonce.
        const nonce = await (
          await fetch('/wp-admin/admin-ajax.php?action=rest-nonce', { credentials: 'include' })
        ).text();
        if (!/^[0-9a-f]{10}$/.test(nonce)) throw new Error(`no REST nonce for this user: ${nonce}`);
        headers['X-WP-Nonce'] = nonce;
      }
      const url =
        '/?rest_route=' +
        encodeURIComponent(path)
          .replace(/%2F/g, '/')
          .replace(/%3F/, '&')
          .replace(/%3D/g, '=')
          .replace(/%26/g, '&');
      const response = await fetch(url, {
        method: options.method ?? 'GET',
        headers,
        credentials: 'include',
        body: options.data === undefined ? undefined : JSON.stringify(options.data),
      });
      return { status: response.status, body: await response.text() };
    },
    { path, options },
  );
}
