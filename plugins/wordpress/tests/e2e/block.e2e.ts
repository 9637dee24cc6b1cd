import type { FrameLocator, Page } from 'playwright-core';
import { configurePlugin, siteState, uploadProductShot } from './harness/site';
import { startSuite, type Suite } from './harness/suite';

/** The parts of the editor's `wp` global these tests read. */
interface EditorWindow {
  wp?: {
    data: {
      select(
        store: string,
      ): { getBlocks(): { name: string; attributes: Record<string, unknown> }[] } | undefined;
      dispatch(store: string): { set(scope: string, name: string, value: unknown): void };
    };
  };
}

let suite: Suite;
let original: { id: number; source_url: string };

beforeAll(async () => {
  suite = await startSuite();
  expect(await configurePlugin(suite.page, suite.hub.url, suite.key.key)).toContain('Key valid');
  original = await uploadProductShot(suite.page, 'red-mug.jpg', '#c0392b');
});

afterAll(async () => {
  await suite?.close();
});

/** Opens a new post with the welcome guide off; returns the editor canvas (an iframe in WordPress 6.6). */
async function newPost(page: Page): Promise<FrameLocator> {
  await page.goto('/wp-admin/post-new.php');
  await page.waitForFunction(() =>
    Boolean((window as unknown as EditorWindow).wp?.data?.select('core/block-editor')),
  );
  // The welcome guide is switched off in the admin's stored preferences (suite setup); make sure it is closed.
  await page.evaluate(() =>
    (window as unknown as EditorWindow)
      .wp!.data.dispatch('core/preferences')
      .set('core/edit-post', 'welcomeGuide', false),
  );
  await page.locator('.edit-post-welcome-guide').waitFor({ state: 'hidden' });
  return page.frameLocator('iframe[name="editor-canvas"]');
}

/** Inserts the block through the inserter, then picks the image in the media library modal. */
async function insertBlockWithImage(page: Page, canvas: FrameLocator, attachmentId: number): Promise<void> {
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByPlaceholder('Search').fill('Pixport');
  await page.getByRole('option', { name: 'Pixport product image' }).click();
  await canvas.getByRole('button', { name: 'Media Library' }).click();
  await page.locator(`.media-modal li.attachment[data-id="${attachmentId}"]`).click();
  await page.locator('.media-modal .media-button-select').click();
  await canvas.locator('.pixport-compare').waitFor();
}

async function afterImageSize(canvas: FrameLocator): Promise<{ width: number; height: number }> {
  const after = canvas.locator('img.pixport-after');
  await after.waitFor({ timeout: 120_000 });
  await after.evaluate((img: HTMLImageElement) =>
    img.complete ? null : new Promise((resolve) => (img.onload = resolve)),
  );
  return after.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
}

describe('the "Pixport product image" block', () => {
  it('previews before/after, saves the result as a new attachment and leaves the original alone', async () => {
    const { page } = suite;
    const before = (await siteState(page)).attachments.find((a) => a.id === original.id)!;
    const canvas = await newPost(page);
    await insertBlockWithImage(page, canvas, original.id);

    // Fit to the site's default preset (WooCommerce: 1200 × 1200).
    await canvas.getByRole('button', { name: 'Preview' }).click();
    expect(await afterImageSize(canvas)).toEqual({ width: 1200, height: 1200 });
    expect(await canvas.locator('.pixport-compare img').first().getAttribute('src')).toBe(
      original.source_url,
    );

    await canvas.getByRole('button', { name: 'Save to media library' }).click();
    const saved = canvas.locator('text=Saved to the media library as a new image');
    await saved.waitFor({ timeout: 60_000 });
    const newId = Number(/#(\d+)/.exec(await saved.innerText())![1]);

    const state = await siteState(page);
    const result = state.attachments.find((a) => a.id === newId)!;
    expect(result).toMatchObject({ source: original.id, operation: 'process', file_ok: true });
    const after = state.attachments.find((a) => a.id === original.id)!;
    expect(after.md5).toBe(before.md5);
    expect(after.status).toMatchObject({ state: 'done', result_id: newId });
  });

  it('runs another operation with its options and inserts the result into the post as an image block', async () => {
    const { page } = suite;
    const canvas = await newPost(page);
    await insertBlockWithImage(page, canvas, original.id);
    await page.getByLabel('Operation').selectOption('upscale');
    await page.getByLabel('Scale').selectOption('2');
    await canvas.getByRole('button', { name: 'Preview' }).click();
    expect(await afterImageSize(canvas)).toEqual({ width: 1800, height: 1400 });

    await canvas.getByRole('button', { name: 'Insert into post' }).click();
    const image = await page.waitForFunction(() => {
      const blocks = (window as unknown as EditorWindow).wp!.data.select('core/block-editor')!.getBlocks();
      const found = blocks.find((block) => block.name === 'core/image');
      return found ? { id: found.attributes.id, url: found.attributes.url, count: blocks.length } : null;
    });
    const inserted = (await image.jsonValue()) as { id: number; url: string; count: number };
    expect(inserted.count).toBe(1); // The Pixport block was replaced by the image.
    const result = (await siteState(page)).attachments.find((a) => a.id === inserted.id)!;
    expect(result).toMatchObject({ source: original.id, operation: 'upscale', file_ok: true });
  });

  it('shows the hub refusal as a notice when the key is revoked, and nothing is added to the library', async () => {
    const { page } = suite;
    const count = (await siteState(page)).attachments.length;
    const canvas = await newPost(page);
    await insertBlockWithImage(page, canvas, original.id);
    await suite.key.revoke();
    await canvas.getByRole('button', { name: 'Preview' }).click();
    await canvas.locator('text=The Pixport API key has been revoked').waitFor({ timeout: 60_000 });
    await canvas.getByRole('link', { name: 'Open Pixport settings' }).waitFor();
    expect((await siteState(page)).attachments.length).toBe(count);

    // The settings page now says so, without another click.
    await page.goto('/wp-admin/options-general.php?page=pixport');
    await page.locator('#pixport-validation >> text=Key revoked.').waitFor();
  });
});
