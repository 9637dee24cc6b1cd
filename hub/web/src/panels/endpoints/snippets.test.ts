/** @jest-environment node */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApiDocument } from '@pixport/shared';
import { productOn } from '../../../../src/processing/test-images.js';
import { startRealHub, type RealHub } from '../../../test-support/real-hub.js';
import type { OpenApiDocument } from '../../api/capabilities.js';
import { operationsOf } from './openapi-model.js';
import { maskKey, snippet, type Language } from './snippets.js';

const run = promisify(execFile);
const operations = operationsOf(buildOpenApiDocument() as OpenApiDocument);
const find = (id: string) => operations.find((operation) => operation.id === id)!;

/**
 * The examples are meant to be copied and run: these tests run them (curl, Node, Python) against a real hub,
 * with the masked key replaced by the real one as a user would, from a folder holding `product.jpg`.
 */
describe('the endpoint examples run as they are', () => {
  let hub: RealHub;
  let key: string;
  let dir: string;
  beforeAll(async () => {
    hub = await startRealHub();
    const { client } = await hub.newAccount('Snippets');
    key = (await client.createKey({ name: 'examples' })).key;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-snippets-'));
    fs.writeFileSync(
      path.join(dir, 'product.jpg'),
      await productOn(
        '#f4f4f4',
        { width: 400, height: 300 },
        { left: 120, top: 60, width: 160, height: 180 },
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const example = (language: Language, id: string) => {
    const operation = find(id);
    const code = snippet(language, {
      operation,
      variant: operation.body?.variants[0],
      baseUrl: hub.url,
      keyText: maskKey(key),
    });
    expect(code).toContain(maskKey(key));
    expect(code).not.toContain(key);
    return code.replaceAll(maskKey(key), key);
  };
  const processed = (output: string) => {
    const body = JSON.parse(output.slice(output.indexOf('{'))) as {
      operation: string;
      output: { width: number; height: number };
    };
    expect(body.operation).toBe('process');
    return body;
  };

  it('curl: fits the product image', async () => {
    const { stdout } = await run('bash', ['-c', `${example('curl', 'post /api/v1/process')} -sS`], {
      cwd: dir,
    });
    expect(processed(stdout).output.width).toBeGreaterThan(0);
  });

  it('JavaScript (Node fetch + FormData): fits the product image', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', example('javascript', 'post /api/v1/process')],
      { cwd: dir },
    );
    expect(stdout.startsWith('200 req_')).toBe(true);
    processed(stdout);
  });

  it('Python (requests): fits the product image', async () => {
    const { stdout } = await run('python3', ['-c', example('python', 'post /api/v1/process')], { cwd: dir });
    expect(stdout.startsWith('200 req_')).toBe(true);
    processed(stdout);
  });

  it('PHP: is valid PHP (this machine’s PHP has no cURL extension to run it)', async () => {
    const file = path.join(dir, 'example.php');
    fs.writeFileSync(file, example('php', 'post /api/v1/process'));
    const { stdout } = await run('php', ['-l', file]);
    expect(stdout).toMatch(/No syntax errors/);
  });

  it('curl: a GET with query parameters reads the request log', async () => {
    const operation = find('get /api/v1/usage/logs');
    const code = snippet('curl', {
      operation,
      baseUrl: hub.url,
      keyText: maskKey(key),
      values: { limit: '5', status: '200' },
    }).replaceAll(maskKey(key), key);
    expect(code).toContain('?limit=5&status=200');
    const { stdout } = await run('bash', ['-c', `${code} -sS`], { cwd: dir });
    const page = JSON.parse(stdout) as { data: Array<{ status: number }> };
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((row) => row.status === 200)).toBe(true);
  });

  it('shows a session route with cookie and CSRF placeholders, and a JSON body', () => {
    const operation = find('post /api/v1/keys');
    const code = snippet('curl', {
      operation,
      variant: operation.body!.variants[0],
      baseUrl: 'http://hub',
      keyText: 'x',
    });
    expect(code).toContain(`-H 'Cookie: pixport_session=SESSION_COOKIE'`);
    expect(code).toContain(`-H 'X-CSRF-Token: CSRF_TOKEN'`);
    expect(code).toContain(`-d '{"name":"example"}'`);
    expect(code).not.toContain('X-API-Key');
  });
});
