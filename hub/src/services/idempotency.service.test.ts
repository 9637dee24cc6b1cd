import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { createLogger } from '../logger.js';
import { LocalBlobStore } from '../storage/blob-store.js';
import { appErrorOf } from '../test-support/failure.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../test-support/test-database.js';
import { IdempotencyService } from './idempotency.service.js';

describe('IdempotencyService', () => {
  let database: TestDatabase;
  let db: DataSource;
  let store: IdempotencyService;
  const blobs = new LocalBlobStore(tempDir());
  const hour = 3600_000;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    store = new IdempotencyService(db, blobs, 24 * hour, createLogger('silent'));
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const answer = (text: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: { encoding: 'json' as const, data: Buffer.from(text) } });

  it('keeps large answers in the blob store and replays them whole', async () => {
    const begun = await store.begin('org_big', 'k1', 'f1');
    expect(begun.kind).toBe('new');
    const big = JSON.stringify({ words: 'w'.repeat(200_000) });
    await store.complete((begun as { id: string }).id, 'org_big', answer(big));
    const [row] = await db.query("SELECT body_inline, body_blob FROM idempotency_records WHERE idempotency_key = 'k1'");
    expect(row.body_inline).toBeNull();
    expect(row.body_blob).toMatch(/^idempotency\//);
    const replay = await store.begin('org_big', 'k1', 'f1');
    expect(replay.kind === 'replay' && replay.response.body.data.toString()).toBe(big);
  });

  it('forgets answers after the retention: the key then starts a new request', async () => {
    const now = new Date();
    const begun = await store.begin('org_ttl', 'k2', 'f2', now);
    await store.complete((begun as { id: string }).id, 'org_ttl', answer('{"n":1}'));
    const later = new Date(now.getTime() + 25 * hour);
    const again = await store.begin('org_ttl', 'k2', 'another fingerprint', later);
    expect(again.kind).toBe('new');
    expect(await store.purgeExpired(new Date(now.getTime() + 50 * hour))).toBeGreaterThanOrEqual(1);
  });

  it('takes over a key whose first request was abandoned (its process died) after the in-flight window', async () => {
    const now = new Date();
    await store.begin('org_dead', 'k3', 'f3', now);
    expect((await appErrorOf(store.begin('org_dead', 'k3', 'f3', new Date(now.getTime() + 60_000)))).code).toBe('idempotency_key_in_use');
    const retaken = await store.begin('org_dead', 'k3', 'f3', new Date(now.getTime() + 6 * 60_000));
    expect(retaken.kind).toBe('new');
  });

  it('gives one of many concurrent first requests the key, and 409 to the others', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.begin('org_race', 'k4', 'f4')));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((entry) => entry.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'idempotency_key_in_use' });
    }
  });

  it('released keys (refused requests) are free again', async () => {
    const begun = await store.begin('org_rel', 'k5', 'f5');
    await store.release((begun as { id: string }).id);
    expect((await store.begin('org_rel', 'k5', 'other')).kind).toBe('new');
  });
});
