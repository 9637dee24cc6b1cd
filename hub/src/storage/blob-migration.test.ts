import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from '../test-support/s3-server.js';
import { tempDir } from '../test-support/test-database.js';
import { migrateBlobs } from './blob-migration.js';
import { LocalBlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `blobs:migrate` from the sources, in its own process, configured by `env`. */
function runCli(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'hub/src/storage/blobs-migrate.ts'), ...args],
    {
      cwd: root,
      // eslint-disable-next-line no-restricted-properties -- the child inherits the test environment
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('blobs:migrate (local directory → S3 on s3rver)', () => {
  let s3: TestS3Server;
  let dir: string;
  let local: LocalBlobStore;
  let target: S3BlobStore;
  const big = Buffer.alloc(11 * 1024 * 1024, 9);
  beforeAll(async () => {
    s3 = await startS3Server();
    dir = tempDir('pixport-migrate-');
    local = new LocalBlobStore(path.join(dir, 'blobs'));
    await local.put('org_a', 'results/res_1.png', Buffer.from('one'));
    await local.put('org_a', 'task-inputs/tsk_1-0', big);
    await local.put('org_b', 'idempotency/idm_1', Buffer.from('{"replay":true}'));
    // A crashed writer's temp file is not a blob.
    fs.writeFileSync(path.join(dir, 'blobs', '.tmp', 'left.part'), 'x');
    target = new S3BlobStore({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      prefix: 'm/',
    });
  });
  afterAll(async () => {
    target.close();
    await s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every blob of every organization and verifies it; a second run skips them all', async () => {
    const report = await migrateBlobs(local, target, { verifyContent: true });
    expect(report).toEqual({
      organizations: 2,
      blobs: 3,
      copied: 3,
      skipped: 0,
      bytesCopied: big.length + 3 + 15,
      mismatches: [],
    });
    expect((await target.get('org_a', 'task-inputs/tsk_1-0')).equals(big)).toBe(true);
    expect((await target.get('org_b', 'idempotency/idm_1')).toString()).toBe('{"replay":true}');
    expect(await target.keys('org_a')).toEqual(['results/res_1.png', 'task-inputs/tsk_1-0']);
    const again = await migrateBlobs(local, target);
    expect([again.copied, again.skipped, again.mismatches]).toEqual([0, 3, []]);
  });

  it('reports a copy that differs (same size, other bytes) and repairs it with overwrite', async () => {
    await target.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: 'm/org_a/results/res_1.png', Body: 'two' }),
    );
    await target.client.send(
      new DeleteObjectCommand({ Bucket: s3.bucket, Key: 'm/org_b/idempotency/idm_1' }),
    );
    const bySize = await migrateBlobs(local, target);
    // The deleted one is copied again; the same-size change passes a size check…
    expect([bySize.copied, bySize.mismatches]).toEqual([1, []]);
    // …and not a content check.
    const byContent = await migrateBlobs(local, target, { verifyContent: true });
    expect(byContent.mismatches).toEqual([
      { organizationId: 'org_a', key: 'results/res_1.png', problem: 'content differs (SHA-256)' },
    ]);
    const repaired = await migrateBlobs(local, target, { verifyContent: true, overwrite: true });
    expect([repaired.copied, repaired.mismatches]).toEqual([3, []]);
    expect((await target.get('org_a', 'results/res_1.png')).toString()).toBe('one');
  });

  it('runs as a command: exit 0 with a summary, 78 without an S3 target, 1 with the reason when S3 is unreachable', async () => {
    const ok = await runCli({ ...s3.env, S3_PREFIX: 'cli/', DATA_DIR: dir, LOG_LEVEL: 'silent' }, [
      '--verify-content',
    ]);
    expect(ok.out).toContain('2 organizations, 3 blobs: 3 copied');
    expect(ok.out).toContain('verified by SHA-256: all present');
    expect(ok.code).toBe(0);
    const noTarget = await runCli({ DATA_DIR: dir, BLOB_STORE: 'local' });
    expect([noTarget.code, noTarget.out]).toEqual([78, expect.stringContaining('set BLOB_STORE=s3')]);
    const down = await runCli({
      ...s3.env,
      S3_ENDPOINT: 'http://127.0.0.1:9',
      DATA_DIR: dir,
      S3_REQUEST_TIMEOUT_MS: '1000',
    });
    expect([down.code, down.out]).toEqual([1, expect.stringContaining('endpoint is unreachable')]);
  }, 90_000);
});
