import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { tempDir } from '../test-support/test-database.js';
import { BlobNotFoundError, InvalidBlobKeyError, LocalBlobStore } from './blob-store.js';

describe('LocalBlobStore', () => {
  let root: string;
  let store: LocalBlobStore;
  beforeEach(() => {
    root = tempDir('pixport-blobs-');
    store = new LocalBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const tempFiles = () => fs.readdirSync(path.join(root, '.tmp'));

  it('stores, reads, streams, stats and deletes a blob under its organization', async () => {
    const info = await store.put('org_a', 'results/res_1.png', Buffer.from('hello'));
    expect(info.bytes).toBe(5);
    expect(fs.readFileSync(path.join(root, 'org_a', 'results', 'res_1.png'), 'utf8')).toBe('hello');
    expect((await store.get('org_a', 'results/res_1.png')).toString()).toBe('hello');
    expect(await text(await store.stream('org_a', 'results/res_1.png'))).toBe('hello');
    expect(await store.exists('org_a', 'results/res_1.png')).toBe(true);
    expect(await store.delete('org_a', 'results/res_1.png')).toBe(true);
    expect(await store.exists('org_a', 'results/res_1.png')).toBe(false);
    expect(await store.delete('org_a', 'results/res_1.png')).toBe(false);
    expect(tempFiles()).toEqual([]);
  });

  it('keeps organizations apart: the same key in another organization is another blob', async () => {
    await store.put('org_a', 'tasks/t1/input-0', Buffer.from('a'));
    await store.put('org_b', 'tasks/t1/input-0', Buffer.from('b'));
    expect((await store.get('org_a', 'tasks/t1/input-0')).toString()).toBe('a');
    expect((await store.get('org_b', 'tasks/t1/input-0')).toString()).toBe('b');
    await expect(store.get('org_c', 'tasks/t1/input-0')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('writes streams and replaces a blob whole', async () => {
    await store.put('org_a', 'x.bin', Buffer.alloc(10, 1));
    const info = await store.put('org_a', 'x.bin', Readable.from([Buffer.alloc(3, 2), Buffer.alloc(4, 3)]));
    expect(info.bytes).toBe(7);
    expect([...(await store.get('org_a', 'x.bin'))]).toEqual([2, 2, 2, 3, 3, 3, 3]);
  });

  it('leaves neither the blob nor a temp file when the source stream fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put('org_a', 'broken.bin', failing)).rejects.toThrow('client went away');
    expect(await store.exists('org_a', 'broken.bin')).toBe(false);
    expect(tempFiles()).toEqual([]);
  });

  it('reports a missing blob as BlobNotFoundError before streaming', async () => {
    await expect(store.stream('org_a', 'nope')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('org_a', 'nope')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.stat('org_a', 'nope')).toBeNull();
  });

  it.each([
    ['../org_b/secret'],
    ['results/../../org_b/x'],
    ['/etc/passwd'],
    ['results//x'],
    ['.hidden'],
    ['a\\..\\b'],
    ['a/b\0c'],
    [''],
    ['a/'.repeat(8) + 'z'],
  ])('refuses the key %j', async (key) => {
    await expect(store.put('org_a', key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.get('org_a', key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete('org_a', key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });

  it.each([['..'], ['../x'], ['.tmp'], ['org/a'], ['']])(
    'refuses the organization id %j',
    async (organizationId) => {
      await expect(store.put(organizationId, 'k', Buffer.from('x'))).rejects.toBeInstanceOf(
        InvalidBlobKeyError,
      );
    },
  );

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
