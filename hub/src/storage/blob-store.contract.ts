import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobNotFoundError, InvalidBlobKeyError, type BlobStore } from './blob-store.js';

/**
 * The BlobStore contract, run against every store (local directory, S3 through s3rver): atomic
 * put, stream, stat, delete, per-organization namespace, invalid keys refused. `store()` is the
 * store under test, fresh per test or shared (keys are unique per test).
 */
export function blobStoreContract(store: () => BlobStore): void {
  describe('BlobStore contract', () => {
    it('stores, reads, streams, stats and deletes a blob under its organization', async () => {
      const blobs = store();
      const info = await blobs.put('org_a', 'results/res_1.png', Buffer.from('hello'));
      expect(info.bytes).toBe(5);
      expect((await blobs.get('org_a', 'results/res_1.png')).toString()).toBe('hello');
      expect(await text(await blobs.stream('org_a', 'results/res_1.png'))).toBe('hello');
      const stat = await blobs.stat('org_a', 'results/res_1.png');
      expect(stat?.bytes).toBe(5);
      expect(Math.abs(stat!.modifiedAt.getTime() - Date.now())).toBeLessThan(120_000);
      expect(await blobs.exists('org_a', 'results/res_1.png')).toBe(true);
      expect(await blobs.delete('org_a', 'results/res_1.png')).toBe(true);
      expect(await blobs.exists('org_a', 'results/res_1.png')).toBe(false);
      expect(await blobs.delete('org_a', 'results/res_1.png')).toBe(false);
    });

    it('keeps organizations apart: the same key in another organization is another blob', async () => {
      const blobs = store();
      await blobs.put('org_a', 'tasks/t1/input-0', Buffer.from('a'));
      await blobs.put('org_b', 'tasks/t1/input-0', Buffer.from('b'));
      expect((await blobs.get('org_a', 'tasks/t1/input-0')).toString()).toBe('a');
      expect((await blobs.get('org_b', 'tasks/t1/input-0')).toString()).toBe('b');
      await expect(blobs.get('org_c', 'tasks/t1/input-0')).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await blobs.delete('org_c', 'tasks/t1/input-0')).toBe(false);
      expect((await blobs.get('org_a', 'tasks/t1/input-0')).toString()).toBe('a');
    });

    it('writes streams and replaces a blob whole', async () => {
      const blobs = store();
      await blobs.put('org_a', 'x.bin', Buffer.alloc(10, 1));
      const info = await blobs.put('org_a', 'x.bin', Readable.from([Buffer.alloc(3, 2), Buffer.alloc(4, 3)]));
      expect(info.bytes).toBe(7);
      expect([...(await blobs.get('org_a', 'x.bin'))]).toEqual([2, 2, 2, 3, 3, 3, 3]);
      expect((await blobs.stat('org_a', 'x.bin'))?.bytes).toBe(7);
    });

    it('stores a stream larger than one multipart part byte for byte', async () => {
      const blobs = store();
      // 11 MiB in 64 KiB chunks: more than two 5 MiB parts, so S3 stores it as a multipart upload.
      const chunk = (index: number) => Buffer.alloc(65_536, index % 251);
      const count = 176;
      const source = Readable.from(
        (function* () {
          for (let i = 0; i < count; i++) yield chunk(i);
        })(),
      );
      const info = await blobs.put('org_a', 'big/video.mp4', source);
      expect(info.bytes).toBe(count * 65_536);
      const back = await blobs.get('org_a', 'big/video.mp4');
      expect(back.length).toBe(count * 65_536);
      for (const i of [0, 1, 80, 175])
        expect(back.subarray(i * 65_536, (i + 1) * 65_536).equals(chunk(i))).toBe(true);
      await blobs.delete('org_a', 'big/video.mp4');
    });

    it('leaves no blob (and keeps the old one) when the source stream fails midway', async () => {
      const blobs = store();
      await blobs.put('org_a', 'kept.bin', Buffer.from('old'));
      const failing = () => {
        let sent = 0;
        return new Readable({
          read() {
            // 6 MiB then the client goes away: past the first multipart part on S3.
            if (sent < 6 * 1024 * 1024) {
              this.push(Buffer.alloc(1024 * 1024, 7));
              sent += 1024 * 1024;
            } else this.destroy(new Error('client went away'));
          },
        });
      };
      await expect(blobs.put('org_a', 'broken.bin', failing())).rejects.toThrow('client went away');
      expect(await blobs.exists('org_a', 'broken.bin')).toBe(false);
      await expect(blobs.put('org_a', 'kept.bin', failing())).rejects.toThrow('client went away');
      expect((await blobs.get('org_a', 'kept.bin')).toString()).toBe('old');
    });

    it('reports a missing blob as BlobNotFoundError before streaming', async () => {
      const blobs = store();
      await expect(blobs.stream('org_a', 'nope')).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(blobs.get('org_a', 'nope')).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await blobs.stat('org_a', 'nope')).toBeNull();
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
      const blobs = store();
      await expect(blobs.put('org_a', key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(blobs.get('org_a', key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(blobs.stat('org_a', key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(blobs.delete('org_a', key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });

    it.each([['..'], ['../x'], ['.tmp'], ['org/a'], ['']])(
      'refuses the organization id %j',
      async (organizationId) => {
        await expect(store().put(organizationId, 'k', Buffer.from('x'))).rejects.toBeInstanceOf(
          InvalidBlobKeyError,
        );
      },
    );

    it('erases an organization\'s whole namespace and nothing of another', async () => {
      const blobs = store();
      await blobs.put('org_erase', 'results/r1.png', Buffer.from('1'));
      await blobs.put('org_erase', 'task-inputs/t1-0', Buffer.from('2'));
      await blobs.put('org_keep', 'results/r1.png', Buffer.from('3'));
      await blobs.deleteNamespace('org_erase');
      expect(await blobs.exists('org_erase', 'results/r1.png')).toBe(false);
      expect(await blobs.exists('org_erase', 'task-inputs/t1-0')).toBe(false);
      expect((await blobs.get('org_keep', 'results/r1.png')).toString()).toBe('3');
      await expect(blobs.deleteNamespace('org_erase')).resolves.toBeUndefined();
    });

    it('passes its readiness check', async () => {
      await expect(store().check()).resolves.toBeUndefined();
    });
  });
}
