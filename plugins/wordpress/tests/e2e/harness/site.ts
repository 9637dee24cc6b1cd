import type { Page } from 'playwright-core';
import { rest } from './browser';

export interface SiteState {
  settings_option: boolean;
  /** The option's raw `api_key` field (sealed, never the key itself). */
  stored_api_key: string;
  batch_index: string[] | null;
  cron_scheduled: boolean;
  attachments: {
    id: number;
    title: string;
    author: number;
    source: number;
    operation: string;
    status: { state: string; result_id?: number; message?: string } | '';
    compliance: { passed: boolean; marketplaces: { marketplace: string; passed: boolean }[] } | '';
    file_ok: boolean;
    md5: string;
  }[];
}

export const siteState = (page: Page) => rest<SiteState>(page, '/pixport-e2e/v1/state');

/**
 * Draws a synthetic product shot (a coloured product on a light studio background) in the page's
 * canvas and uploads it as a JPEG to the media library through the REST API, as the signed-in user.
 */
export async function uploadProductShot(
  page: Page,
  name: string,
  color: string,
  width = 900,
  height = 700,
): Promise<{ id: number; source_url: string }> {
  return page.evaluate(
    async ({ name, color, width, height }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.fillStyle = '#f0f0f0';
      context.fillRect(0, 0, width, height);
      context.fillStyle = color;
      context.fillRect(width * 0.3, height * 0.2, width * 0.4, height * 0.6);
      const blob = await new Promise<Blob>((resolve) =>
        canvas.toBlob((b) => resolve(b as Blob), 'image/jpeg', 0.9),
      );
      const body = new FormData();
      body.append('file', blob, name);
      body.append('title', name.replace(/\.jpg$/, ''));
      const nonce = await (
        await fetch('/wp-admin/admin-ajax.php?action=rest-nonce', { credentials: 'include' })
      ).text();
      const response = await fetch('/?rest_route=/wp/v2/media', {
        method: 'POST',
        body,
        credentials: 'include',
        headers: { 'X-WP-Nonce': nonce },
      });
      if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { name, color, width, height },
  );
}

/** Runs WP-Cron the way a server's cron job does (a plain request to wp-cron.php), without any browser tab. */
export async function runCron(siteUrl: string): Promise<void> {
  // Playground signs in the first request of a cookie-less client; this cookie says that happened already.
  const response = await fetch(`${siteUrl}/wp-cron.php`, {
    redirect: 'manual',
    headers: { Cookie: 'playground_auto_login_already_happened=1' },
  });
  await response.text();
  if (response.status !== 200) throw new Error(`wp-cron.php answered ${response.status}`);
}

/** Saves the hub URL and key on Settings → Pixport and waits for the automatic validation. */
export async function configurePlugin(page: Page, hubUrl: string, key?: string): Promise<string> {
  await page.goto('/wp-admin/options-general.php?page=pixport');
  await page.fill('#pixport-hub-url', hubUrl);
  if (key !== undefined) await page.fill('#pixport-api-key', key);
  await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
  const result = page.locator('#pixport-validation p').first();
  await result.waitFor({ timeout: 60_000 });
  return page.locator('#pixport-validation').innerText();
}
