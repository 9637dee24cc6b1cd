import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { productOn } from '../processing/test-images.js';
import { ContractChecker } from '../test-support/contract.js';
import { multipartForm } from '../test-support/multipart.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * The success answers the attack run's contract check found undocumented, through the real hub, each
 * validated against the published OpenAPI document by Prism (the error answers of every operation are
 * validated by the fuzz suite).
 */
describe('success answers match the OpenAPI document (Prism)', () => {
  let t: TestHub;
  let key: string;
  let image: Buffer;
  let contract: ContractChecker;
  let document: object;

  beforeAll(async () => {
    t = await startTestHub();
    key = (await t.newKey()).key.key;
    image = await productOn('#ffffff', { width: 300, height: 200 }, { left: 100, top: 50, width: 100, height: 100 });
    document = (await (await fetch(`${t.url}/api/v1/openapi`)).json()) as object;
    contract = await ContractChecker.from(document);
  });
  afterAll(() => t.close());

  /** A request with the key; the answer is checked against the document and returned. */
  async function call(method: string, path: string, init: { body?: FormData | string; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${t.url}${path}`, { method, headers: { 'X-API-Key': key, ...init.headers }, body: init.body, redirect: 'manual' });
    const body = Buffer.from(await response.arrayBuffer());
    contract.check({ method, path: new URL(response.url).pathname, status: response.status, headers: response.headers, body });
    const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : undefined;
    return { status: response.status, type: response.headers.get('content-type'), json };
  }
  const imageForm = (fields: Record<string, string> = {}) => multipartForm({ width: '120', height: '120', ...fields }, { image: { data: image, filename: 'shoe.jpg' } });

  it('sync operations: JSON by default, the image itself under Accept: image/*, and its download', async () => {
    const asJson = await call('POST', '/api/v1/process', { body: imageForm() });
    expect(asJson.status).toBe(200);
    const bytes = await call('POST', '/api/v1/process', { body: imageForm({ format: 'png' }), headers: { Accept: 'image/*' } });
    expect(bytes).toMatchObject({ status: 200, type: 'image/png' });
    const download = await call('GET', new URL((asJson.json!.output as { url: string }).url).pathname);
    expect(download.status).toBe(200);
    expect(download.type).toMatch(/^image\//);
    expect(contract.violations).toEqual([]);
  });

  it('async tasks: 202 when queued, 200 under Prefer: wait once finished, the result, cancel', async () => {
    const waited = await call('POST', '/api/v1/jobs', { body: multipartForm({ operation: 'process', width: '120', height: '120' }, { image: { data: image, filename: 'a.jpg' } }), headers: { Prefer: 'wait=30' } });
    expect(waited.status).toBe(200);
    expect(waited.json!.status).toBe('succeeded');
    const result = await call('GET', `/api/v1/jobs/${waited.json!.id as string}/result`);
    expect(result.type).toMatch(/^image\//);
    const queued = await call('POST', '/api/v1/jobs', { body: multipartForm({ operation: 'process', width: '120', height: '120' }, { image: { data: image, filename: 'b.jpg' } }) });
    expect(queued.status).toBe(202);
    const canceled = await call('POST', `/api/v1/jobs/${queued.json!.id as string}/cancel`);
    expect([200, 202, 409]).toContain(canceled.status);
    const seed = await call('POST', '/api/processing-tasks/process', { body: imageForm(), headers: { Prefer: 'wait=30' } });
    expect(seed.status).toBe(200);
    const seedResult = await call('GET', `/api/processing-tasks/${seed.json!.task_id as string}/result`);
    expect(seedResult.type).toMatch(/^image\//);
    expect(contract.violations).toEqual([]);
  });

  it('publishes patterns without regex flags (the colour pattern used to end in `$/i` and match nothing)', () => {
    const patterns = [...JSON.stringify(document).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow();
    expect(patterns.filter((pattern) => /\/[a-z]+$/.test(pattern))).toEqual([]);
    const colour = patterns.find((pattern) => pattern.includes('0-9a-fA-F'))!;
    expect(new RegExp(colour).test('#FFFFFF')).toBe(true);
    expect(new RegExp(colour).test('#ffffff80')).toBe(true);
  });
});
