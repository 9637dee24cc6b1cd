import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HubClient } from '@pixport/shared';
import { productOn } from '../processing/test-images.js';
import { failureOf } from '../test-support/failure.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const SECRET = `app-link-${crypto.randomBytes(24).toString('hex')}`;

describe('shop/redact erases what the link made', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ APP_LINK_SECRET: SECRET, WEBHOOKS_ALLOW_PRIVATE: 'true' });
  });
  afterAll(() => t.close());

  /** Rows of the organization in every organization table (from the entity metadata). */
  const rowsOf = async (organizationId: string) => {
    const counts: Record<string, number> = {};
    for (const table of t.hub.services.erasure.organizationTables()) {
      const [row] = (await t.hub.db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE organization_id = ?`, [organizationId])) as Array<{ n: number | string }>;
      if (Number(row!.n) > 0) counts[table] = Number(row!.n);
    }
    return counts;
  };

  it('deletes every row and blob of a provisioned organization, and nothing of another', async () => {
    const app = new HubClient({ baseUrl: t.url, appLinkSecret: SECRET });
    const shop = `erase-${crypto.randomBytes(3).toString('hex')}.myshopify.com`;
    const { installation, api_keys } = await app.shopifyInstall({ shop, access_token: 'shpat_erase-me-123456', scopes: ['read_products'] });
    const orgId = installation.organization_id;
    const api = t.client({ apiKey: api_keys.live });
    const image = { data: await productOn('#eeeeee', { width: 200, height: 200 }, { left: 40, top: 40, width: 120, height: 120 }), filename: 'a.jpg' };
    await api.processImage(image, { width: 100, height: 100, format: 'png' });
    const task = await api.submitTask('process', { image }, { width: 80, height: 80 });
    await api.waitForTask(task.id, { timeoutMs: 30_000, intervalMs: 200 });
    await api.createPreset({ name: 'square', operation: 'process', params: { width: 64, height: 64 } } as never);
    await api.createWebhook({ url: 'http://127.0.0.1:9/hook', events: ['task.succeeded'] } as never);
    await app.shopifyDashboardLink(shop);
    await app.shopifyUninstall(shop);
    await t.hub.services.flush();

    const other = await t.newKey();
    const otherApi = t.client({ apiKey: other.key.key });
    await otherApi.processImage(image, { width: 100, height: 100, format: 'png' });
    await t.hub.services.flush();
    const otherBefore = await rowsOf(other.me.organization.id);

    const before = await rowsOf(orgId);
    for (const table of ['api_keys', 'audit_events', 'api_usage_logs', 'results', 'tasks', 'presets', 'webhook_endpoints', 'integrations', 'memberships', 'app_installations', 'app_link_tokens']) {
      expect([table, before[table] ?? 0]).not.toEqual([table, 0]);
    }
    const blobDir = path.join(t.hub.config.blobDir, orgId);
    expect(fs.existsSync(blobDir)).toBe(true);

    await app.shopifyErase(shop);
    expect(await rowsOf(orgId)).toEqual({});
    expect(fs.existsSync(blobDir)).toBe(false);
    const [org] = (await t.hub.db.query('SELECT COUNT(*) AS n FROM organizations WHERE id = ?', [orgId])) as Array<{ n: number | string }>;
    expect(Number(org!.n)).toBe(0);
    const [user] = (await t.hub.db.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', [`${shop}@shopify-app.invalid`])) as Array<{ n: number | string }>;
    expect(Number(user!.n)).toBe(0);
    expect((await failureOf(app.shopifyInstallation(shop))).status).toBe(404);
    // Idempotent, and the other organization is untouched.
    await app.shopifyErase(shop);
    expect(await rowsOf(other.me.organization.id)).toEqual(otherBefore);
    expect((await otherApi.account()).organization.id).toBe(other.me.organization.id);
  });
});
