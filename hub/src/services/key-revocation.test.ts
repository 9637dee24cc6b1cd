import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('a revoked key in another hub process', () => {
  let t: TestHub;
  let peer: HubProcess;
  beforeAll(async () => {
    t = await startTestHub();
    peer = await startHubProcess({ DATABASE_URL: t.database.url, DATA_DIR: t.hub.config.dataDir, RATE_LIMIT_SCALE: '100' });
  });
  afterAll(async () => {
    await peer.stop();
    await t.close();
  });

  it('is refused there within 1 s by default (KEY_CACHE_TTL_MS)', async () => {
    const { owner, key } = await t.newKey();
    const usage = () => fetch(`${peer.url}/api/v1/usage`, { headers: { 'X-API-Key': key.key } });
    expect((await usage()).status).toBe(200); // the peer now holds the key verified
    await owner.updateKey(key.id, { active: false });
    const revokedAt = performance.now();
    let response = await usage();
    while (response.status === 200 && performance.now() - revokedAt < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      response = await usage();
    }
    const took = performance.now() - revokedAt;
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('key_revoked');
    expect(took).toBeLessThan(1100);
  });
});
