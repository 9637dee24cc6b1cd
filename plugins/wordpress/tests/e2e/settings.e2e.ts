import net from 'node:net';
import { rest, restRaw } from './harness/browser';
import { configurePlugin, siteState, uploadProductShot } from './harness/site';
import { startSuite, type Suite } from './harness/suite';
import { startHubProxy } from './harness/proxy';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite();
});

afterAll(async () => {
  await suite?.close();
});

describe('settings and key validation', () => {
  it('saves the hub URL and key, validates at once and shows plan, credits and key mode', async () => {
    const text = await configurePlugin(suite.page, suite.hub.url, suite.key.key);
    expect(text).toContain('Key valid (live mode)');
    expect(text).toMatch(/plan: free/);
    expect(text).toMatch(/Credits left: \d+/);
    expect(text).toContain(suite.key.key.slice(0, 12) + '…' + suite.key.key.slice(-4));
    // The key field is never filled with the key; it shows the masked form as a placeholder.
    expect(await suite.page.inputValue('#pixport-api-key')).toBe('');
  });

  it('keeps the stored key when the form is saved with the key field empty', async () => {
    expect(await configurePlugin(suite.page, suite.hub.url)).toContain('Key valid');
    expect((await siteState(suite.page)).settings_option).toBe(true);
  });

  it('shows the hub usage snapshot on the settings page', async () => {
    await suite.page.locator('#pixport-usage table').waitFor({ timeout: 30_000 });
    expect(await suite.page.locator('#pixport-usage').innerText()).toMatch(/\d+ requests/);
  });

  it('refuses the plugin routes without a nonce and without the capability', async () => {
    const { page } = suite;
    const noNonce = await restRaw(page, '/pixport/v1/settings/validate', { method: 'POST', nonce: false });
    expect(noNonce.status).toBe(401);
    const withNonce = await restRaw(page, '/pixport/v1/settings/validation');
    expect(withNonce.status).toBe(200);

    const viewer = await suite.signIn('viewer', 'viewer-password');
    await viewer.page.goto('/wp-admin/profile.php');
    for (const [route, method] of [
      ['/pixport/v1/settings/validate', 'POST'],
      ['/pixport/v1/usage', 'GET'],
      ['/pixport/v1/batches', 'GET'],
      ['/pixport/v1/previews', 'POST'],
    ] as const) {
      const refused = await restRaw(viewer.page, route, {
        method,
        data: method === 'POST' ? { attachment_id: 1, operation: 'process' } : undefined,
      });
      expect([route, refused.status]).toEqual([route, 403]);
    }
    const settingsPage = await viewer.page.goto('/wp-admin/options-general.php?page=pixport');
    expect(settingsPage?.status()).toBe(403);
    await viewer.context.close();
  });

  it('never serves the key: not in any HTML page, script or REST answer seen so far', async () => {
    const { page } = suite;
    const validation = await rest<Record<string, unknown>>(page, '/pixport/v1/settings/validate', {
      method: 'POST',
    });
    expect(validation.valid).toBe(true);
    for (const url of [
      '/wp-admin/options-general.php?page=pixport',
      '/wp-admin/upload.php',
      '/wp-admin/post-new.php',
      '/wp-admin/options.php',
    ]) {
      await page.goto(url);
    }
    expect(suite.served.bodies.length).toBeGreaterThan(10);
    expect(suite.served.containing(suite.key.key)).toEqual([]);
  });

  it('says so when the hub does not answer in time', async () => {
    const { page } = suite;
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)); // Accepts, never answers.
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await rest(page, '/pixport-e2e/v1/timeout', { method: 'POST', data: { seconds: 2 } });
      const text = await configurePlugin(page, `http://127.0.0.1:${port}`);
      expect(text).toContain('Hub not reachable.');
      expect(text).toContain('The Pixport hub did not answer in time');
    } finally {
      await rest(page, '/pixport-e2e/v1/timeout', { method: 'POST', data: { seconds: 0 } });
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
    expect(await configurePlugin(page, suite.hub.url)).toContain('Key valid');
  });

  it('shows the hub rate limit (429) with the seconds to wait', async () => {
    const { page } = suite;
    const testKey = await suite.hub.newKey({ mode: 'test' }); // Test keys: 10 requests a minute on the free plan.
    await configurePlugin(page, suite.hub.url, testKey.key);
    let refusal: { valid: boolean; code?: string; message?: string } = { valid: true };
    for (let attempt = 0; attempt < 15 && refusal.valid; attempt++) {
      refusal = await rest(page, '/pixport/v1/settings/validate', { method: 'POST' });
    }
    expect(refusal).toMatchObject({ valid: false, code: 'rate_limited' });
    expect(refusal.message).toMatch(/rate-limiting this site\. Try again in \d+ seconds\./);
    expect(suite.served.containing(testKey.key)).toEqual([]);
  });

  it('stores the key sealed with a key derived from the salts, never in plain text', async () => {
    // Back to the live key (the rate-limit test left a test key stored).
    expect(await configurePlugin(suite.page, suite.hub.url, suite.key.key)).toContain(
      'Key valid (live mode)',
    );
    const stored = (await siteState(suite.page)).stored_api_key;
    expect(stored).toMatch(/^pxpbox1:[A-Za-z0-9+/=]{60,}$/);
    expect(stored).not.toContain(suite.key.key.slice(9, 20));
  });

  it('keeps the stored key when a mistyped key is refused by the hub, and says so once', async () => {
    const { page } = suite;
    const sealed = (await siteState(page)).stored_api_key;
    const text = await configurePlugin(page, suite.hub.url, 'pxp_live_thisIsNotAValidKeyButLooksLikeOne000');
    const body = await page.locator('#wpbody-content').innerText();
    expect(body.split('Key refused:').length - 1).toBe(1);
    expect(body).toContain('The stored key was kept.');
    expect(body).not.toContain('Settings saved.');
    expect(text).toContain('Key valid'); // The page validates what is stored: still the good key.
    expect(text).toContain(suite.key.key.slice(0, 12) + '…' + suite.key.key.slice(-4));
    expect((await siteState(page)).stored_api_key).toBe(sealed);

    await configurePlugin(page, suite.hub.url, 'not a key!');
    const malformed = await page.locator('#wpbody-content').innerText();
    expect(malformed.split('does not look like a Pixport API key').length - 1).toBe(1);
    expect((await siteState(page)).stored_api_key).toBe(sealed);
  });

  it('checks again on load once the hub is back, instead of showing a cached "not reachable"', async () => {
    const { page } = suite;
    const proxy = await startHubProxy(suite.hub.url);
    try {
      expect(await configurePlugin(page, proxy.url)).toContain('Key valid');
      proxy.down = true;
      await page.click('#pixport-validate');
      await page.locator('#pixport-validation >> text=Hub not reachable.').waitFor();
      proxy.down = false;
      await page.goto('/wp-admin/options-general.php?page=pixport');
      await page.locator('#pixport-validation >> text=Key valid').waitFor();
    } finally {
      await configurePlugin(page, suite.hub.url);
      await proxy.close();
    }
  });

  it('lets a PIXPORT_API_KEY constant win over the stored key, and removes the stored one on request', async () => {
    const { page } = suite;
    await rest(page, '/pixport-e2e/v1/constant-key', { method: 'POST', data: { key: suite.key.key } });
    try {
      await page.goto('/wp-admin/options-general.php?page=pixport');
      expect(await page.isDisabled('#pixport-api-key')).toBe(true);
      expect(await page.locator('.pixport-settings').innerText()).toContain(
        'Set by the PIXPORT_API_KEY constant in wp-config.php',
      );
      await page.click('#pixport-validate');
      await page.locator('#pixport-validation >> text=Key valid').waitFor();
      expect((await siteState(page)).stored_api_key).not.toBe('');
      await page.check('#pixport-clear-api-key');
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
      await page.locator('#pixport-validation >> text=Key valid').waitFor(); // The constant's key.
      expect((await siteState(page)).stored_api_key).toBe('');
      expect(await page.locator('#pixport-clear-api-key').count()).toBe(0);
      expect(suite.served.containing(suite.key.key)).toEqual([]);
    } finally {
      await rest(page, '/pixport-e2e/v1/constant-key', { method: 'POST', data: { key: '' } });
    }
  });

  it('uninstall removes the settings and batches but keeps every image', async () => {
    const { page } = suite;
    await configurePlugin(page, suite.hub.url, suite.key.key);
    const image = await uploadProductShot(page, 'kept.jpg', '#336699');
    await rest(page, '/pixport/v1/batches', { method: 'POST', data: { attachment_ids: [image.id] } });
    expect((await siteState(page)).batch_index).toHaveLength(1);

    await page.goto('/wp-admin/plugins.php');
    await Promise.all([
      page.waitForURL(/deactivate=true/),
      page.locator('tr[data-slug="pixport"] .deactivate a').click(),
    ]);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('tr[data-slug="pixport"] .delete a').click();
    await page.locator('tr[data-slug="pixport"].deleted, .plugin-deleted-tr').first().waitFor();

    const state = await siteState(page);
    expect(state.settings_option).toBe(false);
    expect(state.batch_index).toBeNull();
    expect(state.cron_scheduled).toBe(false);
    const kept = state.attachments.find((a) => a.id === image.id);
    expect(kept?.file_ok).toBe(true);
  });
});
