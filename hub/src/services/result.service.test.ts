import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { text } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { ResultRow } from '../db/entities/result.entity.js';
import { appErrorOf } from '../test-support/failure.js';
import { createLogger } from '../logger.js';
import { LocalBlobStore } from '../storage/blob-store.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../test-support/test-database.js';
import { ResultService, safeStem } from './result.service.js';

const HOUR = 3600_000;

describe('ResultService', () => {
  let database: TestDatabase;
  let db: DataSource;
  let blobDir: string;
  let blobs: LocalBlobStore;
  let results: ResultService;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
    blobDir = tempDir('pixport-results-');
    blobs = new LocalBlobStore(blobDir);
    results = new ResultService(db, blobs, 24 * HOUR, createLogger('silent'));
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  const file = (data = 'png bytes') => ({
    operation: 'process',
    data: Buffer.from(data),
    contentType: 'image/png',
    width: 20,
    height: 10,
    metadata: { fit: 'contain', nested: { values: [1, 2] } },
    stem: 'Red shoe (front).JPG',
  });

  it('stores the bytes under the organization and reads them back by id', async () => {
    const now = new Date('2026-11-21T08:00:00.000Z');
    const created = await results.create({ organizationId: 'org_a', keyId: 'key_1' }, file(), now);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^res_[A-Za-z0-9]{24}$/),
      organizationId: 'org_a',
      taskId: null,
      filename: 'Red-shoe-front-process.png',
      bytes: 9,
      width: 20,
      height: 10,
      expiresAt: new Date(now.getTime() + 24 * HOUR),
    });
    expect(await blobs.exists('org_a', `results/${created.id}.png`)).toBe(true);
    const read = await results.get('org_a', created.id, now);
    expect(read).toEqual(created);
    const { result, stream } = await results.open('org_a', created.id, now);
    expect(result.metadata).toEqual({ fit: 'contain', nested: { values: [1, 2] } });
    expect(await text(stream)).toBe('png bytes');
  });

  it('keeps a task’s output as the same kind of result', async () => {
    const created = await results.create({ organizationId: 'org_a', keyId: null, taskId: 'tsk_1' }, file());
    expect((await results.get('org_a', created.id)).taskId).toBe('tsk_1');
  });

  it('answers 404 for another organization’s result and for unknown ids', async () => {
    const created = await results.create({ organizationId: 'org_a', keyId: null }, file());
    expect((await appErrorOf(results.get('org_b', created.id))).status).toBe(404);
    expect((await appErrorOf(results.open('org_b', created.id))).code).toBe('not_found');
    expect((await appErrorOf(results.get('org_a', 'res_doesnotexist'))).status).toBe(404);
  });

  it('answers 410 result_expired after the retention period, before and after the purge', async () => {
    const now = new Date('2026-11-21T08:00:00.000Z');
    const created = await results.create({ organizationId: 'org_c', keyId: null }, file(), now);
    const later = new Date(now.getTime() + 24 * HOUR);
    const error = await appErrorOf(results.open('org_c', created.id, later));
    expect([error.status, error.code, error.options.extra]).toEqual([
      410,
      'result_expired',
      { expired_at: later.toISOString() },
    ]);

    const purged = await results.purgeExpired(later);
    expect(purged.blobs).toBeGreaterThanOrEqual(1);
    expect(await blobs.exists('org_c', `results/${created.id}.png`)).toBe(false);
    // Even asked with an earlier clock, a purged result is gone.
    expect((await appErrorOf(results.get('org_c', created.id, now))).code).toBe('result_expired');
    expect((await results.purgeExpired(later)).blobs).toBe(0);
  });

  it('purges only expired results, and forgets rows 30 days after expiry', async () => {
    const now = new Date('2027-03-01T00:00:00.000Z');
    const old = await results.create(
      { organizationId: 'org_d', keyId: null },
      file(),
      new Date(now.getTime() - 40 * 24 * HOUR),
    );
    const fresh = await results.create({ organizationId: 'org_d', keyId: null }, file(), now);
    const { rows } = await results.purgeExpired(now);
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(await db.getRepository(ResultRow).existsBy({ id: old.id })).toBe(false);
    expect(await blobs.exists('org_d', `results/${old.id}.png`)).toBe(false);
    expect(await blobs.exists('org_d', `results/${fresh.id}.png`)).toBe(true);
    expect((await results.get('org_d', fresh.id, now)).id).toBe(fresh.id);
  });

  it('answers 410 when the blob vanished under a live row', async () => {
    const created = await results.create({ organizationId: 'org_e', keyId: null }, file());
    await blobs.delete('org_e', `results/${created.id}.png`);
    expect((await appErrorOf(results.open('org_e', created.id))).code).toBe('result_expired');
  });

  it('replaces oversized metadata with a note instead of failing the insert', async () => {
    const huge = {
      words: Array.from({ length: 5000 }, (_, index) => ({
        text: `word${index}`,
        bbox: [index, index, index, index],
      })),
    };
    const created = await results.create(
      { organizationId: 'org_a', keyId: null },
      { ...file(), metadata: huge },
    );
    expect((await results.get('org_a', created.id)).metadata).toMatchObject({ truncated: true });
  });

  it('derives safe download names', () => {
    expect(safeStem('../../etc/passwd')).toBe('passwd');
    expect(safeStem('C:\\Users\\me\\shoe.jpg')).toBe('shoe');
    expect(safeStem('photo "1".jpeg')).toBe('photo-1');
    expect(safeStem('Ünïcödé.png')).toBe('Unicode');
    expect(safeStem(null)).toBe('image');
    expect(safeStem('....')).toBe('image');
  });
});
