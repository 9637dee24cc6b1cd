import { rest, restRaw } from './harness/browser';
import { configurePlugin, runCron, siteState, uploadProductShot, type SiteState } from './harness/site';
import { startHubProxy } from './harness/proxy';
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
      `WooCommerce: ${(stored.compliance as { passed: boolean }).passed ? 'compliant' : 'not compliant'}`,
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

interface BatchAnswer {
  id: string;
  status: string;
  pause_reason: string;
  message: string;
  items: { attachment_id: number; state: string }[];
}

const stateOf = (state: SiteState, id: number) =>
  (state.attachments.find((a) => a.id === id)!.status as { state?: string; result_id?: number }) || {};

async function newTasks(before: Set<string>) {
  return (await hubTasks()).filter((task) => !before.has(task.id));
}

describe('ownership', () => {
  it('results finished by WP-Cron belong to the Author who started the batch, who can edit them', async () => {
    const author = await suite.signIn('author', 'author-password');
    try {
      await author.page.goto('/wp-admin/upload.php?mode=list');
      const own = await uploadProductShot(author.page, 'author-shot.jpg', '#e84393');
      const started = await rest<BatchAnswer>(author.page, '/pixport/v1/batches', {
        method: 'POST',
        data: { attachment_ids: [own.id] },
      });
      const state = await waitFor(
        "the author's batch to finish through WP-Cron",
        async () => {
          await runCron(suite.wp.url);
          const current = await siteState(suite.page);
          return stateOf(current, own.id).state === 'done' ? current : undefined;
        },
        120_000,
        3000,
      );
      const resultId = stateOf(state, own.id).result_id!;
      const authorId = state.attachments.find((a) => a.id === own.id)!.author;
      expect(authorId).toBeGreaterThan(1);
      expect(state.attachments.find((a) => a.id === resultId)!.author).toBe(authorId);
      const editable = await restRaw(author.page, `/wp/v2/media/${resultId}?context=edit`);
      expect(editable.status).toBe(200);
      // Another user's batch is not theirs to see.
      expect((await restRaw(author.page, `/pixport/v1/batches/${started.id}`)).status).toBe(200);
      const viewer = await suite.signIn('viewer', 'viewer-password');
      expect((await restRaw(viewer.page, `/pixport/v1/batches/${started.id}`)).status).toBe(403);
      await viewer.context.close();
    } finally {
      await author.context.close();
    }
  });
});

describe('bulk processing and credits', () => {
  it('pauses in the middle of a submit (2 credits, 5 images), collects the 2 submitted tasks, and charges each image once', async () => {
    const { page } = suite;
    const shots: number[] = [];
    for (const color of ['#7f8c8d', '#34495e', '#c0392b', '#1abc9c', '#9b59b6'])
      shots.push((await uploadProductShot(page, `big-vase-${shots.length + 1}-4000x3000.jpg`, color)).id);
    const before = new Set((await hubTasks()).map((task) => task.id));
    suite.hub.setCredits(2); // Enough for two `process` tasks of five.
    try {
      const started = await rest<BatchAnswer>(page, '/pixport/v1/batches', {
        method: 'POST',
        data: { attachment_ids: shots },
      });
      expect(started).toMatchObject({ status: 'paused', pause_reason: 'out_of_credits' });
      expect(started.message).toContain('out of credits. Processing is paused');
      // The two the hub accepted keep their tasks; the three it refused wait, unsent.
      expect(started.items.map((item) => item.state)).toEqual([
        'submitted',
        'submitted',
        'pending',
        'pending',
        'pending',
      ]);
      expect(await newTasks(before)).toHaveLength(2);
      expect(suite.hub.credits(suite.key.organizationId)).toBe(0);

      // Paused, WP-Cron still collects the two tasks already at the hub.
      await waitFor(
        'the submitted images to be collected while the batch is paused',
        async () => {
          await runCron(suite.wp.url);
          const current = await siteState(page);
          return shots.slice(0, 2).every((id) => stateOf(current, id).state === 'done') ? true : undefined;
        },
        120_000,
        3000,
      );
      await page.goto('/wp-admin/upload.php?mode=list');
      const panel = page.locator(`.pixport-batch[data-batch-id="${started.id}"]`);
      await panel.locator('text=out of credits.').first().waitFor();
      expect(await page.locator(`#post-${shots[4]} .pixport-state`).innerText()).toBe(
        'Paused (out of credits)',
      );

      suite.hub.setCredits(100);
      await panel.getByRole('button', { name: 'Resume' }).click();
      await panel.locator('text=Finished: 5 processed.').waitFor({ timeout: 180_000 });
      // Titles as text (WordPress's display filter would make `4000&#215;3000`), and the column follows live.
      expect(await panel.innerText()).toContain('big-vase-1-4000x3000: done');
      expect(await panel.innerText()).not.toContain('&#');
      for (const id of shots)
        expect(await page.locator(`#post-${id} .pixport-state`).innerText()).toBe('Processed');
      // A finished panel can be dismissed, and stays away.
      await panel.getByRole('button', { name: 'Dismiss' }).click();
      await panel.waitFor({ state: 'detached' });
      await page.reload();
      await page.locator('#pixport-batches').waitFor({ state: 'attached' });
      expect(await page.locator(`.pixport-batch[data-batch-id="${started.id}"]`).count()).toBe(0);
      // Resume sent only the three that were never submitted: 5 tasks, 5 credits in all.
      expect(await newTasks(before)).toHaveLength(5);
      expect(suite.hub.credits(suite.key.organizationId)).toBe(97);
    } finally {
      suite.hub.setCredits(100);
    }
    const state = await siteState(page);
    const results = shots.map((id) => stateOf(state, id).result_id);
    expect(new Set(results).size).toBe(5);
    for (const [index, id] of shots.entries())
      expect(state.attachments.find((a) => a.id === results[index])).toMatchObject({
        source: id,
        file_ok: true,
      });
  });

  it('retries a submit whose answer was lost with the same Idempotency-Key: the hub replays the task, nothing is charged twice', async () => {
    const { page } = suite;
    const shots = [
      (await uploadProductShot(page, 'lost-1.jpg', '#e67e22')).id,
      (await uploadProductShot(page, 'lost-2.jpg', '#2ecc71')).id,
    ];
    const proxy = await startHubProxy(suite.hub.url);
    const before = new Set((await hubTasks()).map((task) => task.id));
    const credits = suite.hub.credits(suite.key.organizationId);
    try {
      expect(await configurePlugin(page, proxy.url)).toContain('Key valid');
      await rest(page, '/pixport-e2e/v1/timeout', { method: 'POST', data: { seconds: 3 } });
      proxy.loseNextAnswer('POST', '/api/v1/jobs'); // The hub creates the task; WordPress never hears.
      const started = await rest<BatchAnswer>(page, '/pixport/v1/batches', {
        method: 'POST',
        data: { attachment_ids: shots },
      });
      expect(started.status).toBe('running');
      expect(started.message).toContain('did not answer in time');
      expect(started.items.map((item) => item.state)).toEqual(['submitting', 'pending']);
      await rest(page, '/pixport-e2e/v1/timeout', { method: 'POST', data: { seconds: 0 } });
      await rest(page, `/pixport-e2e/v1/batches/${started.id}/due`, { method: 'POST' });
      await waitFor(
        'the batch to finish after the retry',
        async () => {
          await runCron(suite.wp.url);
          const current = await siteState(page);
          return shots.every((id) => stateOf(current, id).state === 'done') ? true : undefined;
        },
        120_000,
        3000,
      );
    } finally {
      await rest(page, '/pixport-e2e/v1/timeout', { method: 'POST', data: { seconds: 0 } });
      await configurePlugin(page, suite.hub.url);
      await proxy.close();
    }
    const submits = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/jobs');
    expect(submits.map((r) => [r.status, r.dropped, r.replayed])).toEqual([
      [202, true, false],
      [202, false, true],
      [202, false, false],
    ]);
    expect(submits[0].idempotencyKey).toMatch(/^pixport-wp-b[0-9a-f]{16}-[0-9a-f]{24}$/);
    expect(submits[1].idempotencyKey).toBe(submits[0].idempotencyKey);
    expect(submits[2].idempotencyKey).not.toBe(submits[0].idempotencyKey);
    expect(await newTasks(before)).toHaveLength(2);
    expect(suite.hub.credits(suite.key.organizationId)).toBe(credits - 2);
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
