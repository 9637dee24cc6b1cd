import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, ServedBodies } from './browser';
import { startHub, type HubKey, type RunningHub } from './hub';
import { FIXTURES, startWordPress, unpackPluginZip, type RunningWordPress } from './wordpress';
import path from 'node:path';

export interface Suite {
  hub: RunningHub;
  key: HubKey;
  wp: RunningWordPress;
  browser: Browser;
  admin: BrowserContext;
  page: Page;
  served: ServedBodies;
  /** Console errors and uncaught exceptions of the admin pages, to print when a step fails. */
  pageErrors: string[];
  /** A fresh context signed in as `login` (auto-login as admin suppressed). */
  signIn(login: string, password: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

const USERS_PHP = `
  update_user_meta( 1, $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );
  wp_insert_user( array( 'user_login' => 'viewer', 'user_pass' => 'viewer-password', 'user_email' => 'viewer@example.test', 'role' => 'subscriber' ) );
  wp_insert_user( array( 'user_login' => 'author', 'user_pass' => 'author-password', 'user_email' => 'author@example.test', 'role' => 'author' ) );
`;

/** A real hub, WordPress with the plugin from its zip (+ the WooCommerce stub), and Chromium signed in as admin. */
export async function startSuite(): Promise<Suite> {
  const hub = await startHub();
  let wp: RunningWordPress | undefined;
  let browser: Browser | undefined;
  try {
    const key = await hub.newKey();
    const plugin = unpackPluginZip();
    wp = await startWordPress({
      plugins: { pixport: plugin, woocommerce: path.join(FIXTURES, 'woocommerce-stub') },
      activate: ['pixport/pixport.php', 'woocommerce/woocommerce.php'],
      muPlugins: path.join(FIXTURES, 'mu-plugins'),
      setupPhp: USERS_PHP,
    });
    browser = await launchBrowser();
    const served = new ServedBodies();
    const admin = await browser.newContext({ baseURL: wp.url });
    served.watch(admin);
    admin.setDefaultTimeout(60_000);
    const page = await admin.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    await page.goto('/wp-admin/profile.php'); // Playground's auto-login sets the admin cookies on the first request.
    const site = wp;
    const runningBrowser = browser;
    return {
      hub,
      key,
      wp,
      browser,
      admin,
      page,
      served,
      pageErrors,
      async signIn(login, password) {
        const context = await runningBrowser.newContext({ baseURL: site.url });
        context.setDefaultTimeout(60_000);
        served.watch(context);
        await context.addCookies([
          { name: 'playground_auto_login_already_happened', value: '1', url: site.url },
        ]);
        const userPage = await context.newPage();
        await userPage.goto('/wp-login.php');
        await userPage.fill('#user_login', login);
        await userPage.fill('#user_pass', password);
        await Promise.all([userPage.waitForURL(/wp-admin/), userPage.click('#wp-submit')]);
        return { context, page: userPage };
      },
      async close() {
        await runningBrowser.close();
        await site.stop();
        await hub.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await wp?.stop();
    await hub.stop();
    throw error;
  }
}
