import { rest } from './harness/browser';
import { configurePlugin, runCron, siteState, uploadProductShot } from './harness/site';
import { startSuite, type Suite } from './harness/suite';
import { waitFor } from './harness/ports';

let suite: Suite;
const images: Record<string, number> = {};

beforeAll(async () => {
  suite = await startSuite();
  expect(await configurePlugin(suite.page, suite.hub.url, suite.key.key)).toContain('Key valid');
  for (const [name, color] of Object.entries({
    single: '#2c3e50',
    bulk1: '#16a085',
    bulk2: '#8e44ad',
    bulk3: '#d35400',
    featured: '#27ae60',
    gallery1: '#2980b9',
    gallery2: '#f39c12',
  })) {
    images[name] = (await uploadProductShot(suite.page, `${name}.jpg`, color)).id;
  }
});

afterAll(async () => {
  await suite?.close();
});

/** Hub tasks of this key, newest first (read with the key, as any API client would). */
async function hubTasks(): Promise<{ id: string; status: string; operation: string }[]> {
  const response = await fetch(`${suite.hub.url}/api/v1/jobs?limit=50`, {
    headers: { 'X-API-Key': suite.key.key },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { id: string; status: string; operation: string }[] }).data;
}

async function rowAction(label: string, attachmentId: number): Promise<string> {
  const { page } = suite;
  await page.goto('/wp-admin/upload.php?mode=list');
  const row = page.locator(`#post-${attachmentId}`);
  await row.hover();
  await Promise.all([
    page.waitForURL(/upload\.php/),
    row.getByRole('link', { name: label, exact: true }).click(),
  ]);
  return page.locator('.pixport-notice').first().innerText();
}

describe('media library', () => {
  it('"Check compliance" stores the verdict and shows a badge in the Pixport column', async () => {
    const notice = await rowAction('Check compliance', images.single);
    expect(notice).toMatch(new RegExp(`Image #${images.single} is (not )?compliant`));
    const stored = (await siteState(suite.page)).attachments.find((a) => a.id === images.single)!;
    expect(stored.compliance).toMatchObject({ marketplaces: [{ marketplace: 'woocommerce' }] });
    const badge = suite.page.locator(`#post-${images.single} .pixport-badge`);
    expect(await badge.innerText()).toBe(
      `Woocommerce: ${(stored.compliance as { passed: boolean }).passed ? 'compliant' : 'not compliant'}`,
    );
  });

  it('"Process" saves a new attachment and says the original is unchanged', async () => {
    const before = (await siteState(suite.page)).attachments.find((a) => a.id === images.single)!;
    const notice = await rowAction('Process', images.single);
    const match = /Saved the processed image as #(\d+); #(\d+) is unchanged/.exec(notice);
    expect(match?.[2]).toBe(String(images.single));
    const state = await siteState(suite.page);
    expect(state.attachments.find((a) => a.id === Number(match![1]))).toMatchObject({
      source: images.single,
      operation: 'process',
      file_ok: true,
    });
    expect(state.attachments.find((a) => a.id === images.single)!.md5).toBe(before.md5);
    expect(await suite.page.locator(`#post-${match![1]} .pixport-result`).innerText()).toBe(
      `Result of #${images.single} (process)`,
    );
  });

  it('the bulk action runs hub tasks that finish after the tab is closed (WP-Cron), then shows them done', async () => {
    const bulk = [images.bulk1, images.bulk2, images.bulk3];
    const tab = await suite.admin.newPage();
    await tab.goto('/wp-admin/upload.php?mode=list');
    for (const id of bulk) await tab.check(`#cb-select-${id}`);
    await tab.selectOption('#bulk-action-selector-top', 'pixport_process');
    await Promise.all([tab.waitForURL(/pixport_batch=b[0-9a-f]{16}/), tab.click('#doaction')]);
    await tab.close(); // Nothing polls from the browser any more.

    const state = await waitFor(
      'the batch to finish through WP-Cron',
      async () => {
        await runCron(suite.wp.url);
        const current = await siteState(suite.page);
        const done = bulk.every(
          (id) =>
            (current.attachments.find((a) => a.id === id)!.status as { state?: string }).state === 'done',
        );
        return done ? current : undefined;
      },
      240_000,
      3000,
    );
    for (const id of bulk) {
      const resultId = (state.attachments.find((a) => a.id === id)!.status as { result_id: number })
        .result_id;
      expect(state.attachments.find((a) => a.id === resultId)).toMatchObject({
        source: id,
        operation: 'process',
        file_ok: true,
      });
    }
    const tasks = await hubTasks();
    expect(tasks.filter((task) => task.operation === 'process' && task.status === 'succeeded')).toHaveLength(
      3,
    );

    // Every processed image was reported to the hub: 1 compliance check, 1 single process, 3 bulk.
    // (The hub writes usage rows behind the requests, within about a second.)
    const reported = await waitFor(
      'the usage reports to be counted',
      async () => {
        const usage = await fetch(`${suite.hub.url}/api/v1/usage`, {
          headers: { 'X-API-Key': suite.key.key },
        });
        const snapshot = (await usage.json()) as { units_reported: number };
        return snapshot.units_reported >= 5 ? snapshot.units_reported : undefined;
      },
      15_000,
    );
    expect(reported).toBe(5);

    // A new tab shows where the batch got to, from WordPress's own record.
    const page = await suite.admin.newPage();
    await page.goto('/wp-admin/upload.php?mode=list');
    await page.locator('.pixport-batch >> text=Finished: 3 processed.').waitFor();
    for (const id of bulk)
      expect(await page.locator(`#post-${id} .pixport-state`).innerText()).toBe('Processed');
    expect(state.cron_scheduled).toBe(false); // Nothing left to do: the schedule stops.
    await page.close();
  });
});

describe('bulk processing and credits', () => {
  it('pauses when the organization runs out of credits (402) and resumes after a top-up', async () => {
    const { page } = suite;
    const first = await uploadProductShot(page, 'credit-1.jpg', '#7f8c8d');
    const second = await uploadProductShot(page, 'credit-2.jpg', '#34495e');
    suite.hub.setCredits(1); // Enough for one `process` task, not two.
    try {
      const started = await rest<{ id: string; status: string; pause_reason: string; message: string }>(
        page,
        '/pixport/v1/batches',
        {
          method: 'POST',
          data: { attachment_ids: [first.id, second.id] },
        },
      );
      expect(started).toMatchObject({ status: 'paused', pause_reason: 'out_of_credits' });
      expect(started.message).toContain('out of credits. Processing is paused');

      await page.goto('/wp-admin/upload.php?mode=list');
      const panel = page.locator(`.pixport-batch[data-batch-id="${started.id}"]`);
      await panel.locator('text=out of credits.').first().waitFor();
      expect(await page.locator(`#post-${second.id} .pixport-state`).innerText()).toBe(
        'Paused (out of credits)',
      );

      suite.hub.setCredits(100);
      await panel.getByRole('button', { name: 'Resume' }).click();
      await panel.locator('text=Finished: 2 processed.').waitFor({ timeout: 180_000 });
    } finally {
      suite.hub.setCredits(100);
    }
    const state = await siteState(page);
    for (const id of [first.id, second.id]) {
      const resultId = (state.attachments.find((a) => a.id === id)!.status as { result_id: number })
        .result_id;
      expect(state.attachments.find((a) => a.id === resultId)).toMatchObject({ source: id, file_ok: true });
    }
  });
});

describe('WooCommerce product box (stub WooCommerce)', () => {
  it('processes the featured image and gallery, replaces them only after success, and restores the originals', async () => {
    const { page } = suite;
    const product = await rest<{ id: number }>(page, '/woo-stub/v1/products', {
      method: 'POST',
      data: { title: 'Mug', thumbnail: images.featured, gallery: [images.gallery1, images.gallery2] },
    });
    await page.goto(`/wp-admin/post.php?post=${product.id}&action=edit`);
    const box = page.locator('#pixport-product');
    expect(await box.innerText()).toContain('3 images (featured + gallery).');
    await box.getByRole('button', { name: 'Process product images' }).click();
    await box.locator('text=Finished: 3 processed.').waitFor({ timeout: 180_000 });
    await box.locator('text=3 product images replaced').waitFor();

    const replaced = await rest<{ thumbnail: number; gallery: number[] }>(
      page,
      `/woo-stub/v1/products/${product.id}`,
    );
    const state = await siteState(page);
    const sourceOf = (id: number) => state.attachments.find((a) => a.id === id)!.source;
    expect([sourceOf(replaced.thumbnail), ...replaced.gallery.map(sourceOf)]).toEqual([
      images.featured,
      images.gallery1,
      images.gallery2,
    ]);

    await box.getByRole('button', { name: 'Restore originals' }).click();
    await box.locator('text=Original images restored').waitFor();
    expect(await rest(page, `/woo-stub/v1/products/${product.id}`)).toEqual({
      thumbnail: images.featured,
      gallery: [images.gallery1, images.gallery2],
    });
    // The processed copies stay in the library.
    expect((await siteState(page)).attachments.find((a) => a.id === replaced.thumbnail)?.file_ok).toBe(true);
  });
});
