import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { tempDir } from '../test-support/test-database.js';
import { BlobStoreUnavailableError, LocalBlobStore } from './blob-store.js';
import { blobStoreContract } from './blob-store.contract.js';

describe('LocalBlobStore', () => {
  let root: string;
  let store: LocalBlobStore;
  beforeEach(() => {
    root = tempDir('pixport-blobs-');
    store = new LocalBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const tempFiles = () => fs.readdirSync(path.join(root, '.tmp'));

  blobStoreContract(() => store);

  it('keeps a blob as a file under its organization and no temp file after a put', async () => {
    await store.put('org_a', 'results/res_1.png', Buffer.from('hello'));
    expect(fs.readFileSync(path.join(root, 'org_a', 'results', 'res_1.png'), 'utf8')).toBe('hello');
    expect(tempFiles()).toEqual([]);
  });

  it('leaves no temp file when the source stream fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put('org_a', 'broken.bin', failing)).rejects.toThrow('client went away');
    expect(tempFiles()).toEqual([]);
  });

  it('lists organizations and their keys (what blobs:migrate copies)', async () => {
    await store.put('org_b', 'results/r.png', Buffer.from('x'));
    await store.put('org_a', 'tasks/t1/input-0', Buffer.from('x'));
    await store.put('org_a', 'idempotency/i1', Buffer.from('x'));
    expect(await store.organizations()).toEqual(['org_a', 'org_b']);
    expect(await store.keys('org_a')).toEqual(['idempotency/i1', 'tasks/t1/input-0']);
    expect(await store.keys('org_z')).toEqual([]);
  });

  it('fails its readiness check with the reason when the directory cannot be written', async () => {
    const file = path.join(root, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const broken = new LocalBlobStore(path.join(file, 'blobs'));
    await expect(broken.check()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(broken.check()).rejects.toThrow(/not writable \(ENOTDIR\)/);
  });

  it('sweeps temp files left by a crashed writer, not fresh ones', async () => {
    await store.put('org_a', 'k', Buffer.from('x'));
    const stale = path.join(root, '.tmp', 'stale.part');
    const fresh = path.join(root, '.tmp', 'fresh.part');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    expect(await store.sweepTemp()).toBe(1);
    expect(tempFiles()).toEqual(['fresh.part']);
  });
});
