import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { errorCodes } from '@pixport/shared';
import { createApp } from '../app.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

describe('OpenAPI, Postman and the rendered reference', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3.1 document that a standard validator accepts', async () => {
    const document = (await t.client().openapi()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('documents exactly the routes the hub mounts, with their problem responses', async () => {
    const document = (await t.client().openapi()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
      components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } };
    };
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    const { routers } = createApp({
      config: t.hub.config,
      logger: t.hub.logger,
      db: t.hub.db,
      services: t.hub.services,
    });
    const mounted = routers
      .flatMap((router) =>
        router.stack.flatMap((layer) =>
          layer.methods
            .filter((method) => method !== 'HEAD')
            .map((method) => `${method} ${String(layer.path).replace(/(.)\/$/, '$1')}`),
        ),
      )
      .sort();
    expect(documented).toEqual(mounted);
    expect(document.components.schemas.Problem.properties.code.enum.sort()).toEqual([...errorCodes].sort());
    const rotate = document.paths['/api/v1/keys/{id}/rotate']!.post!;
    expect(Object.keys(rotate.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '422',
      '429',
      '500',
    ]);
    expect(rotate.responses['401']!.content!['application/problem+json']).toBeDefined();
  });

  it('serves a Postman collection with one request per operation', async () => {
    const document = (await t.client().openapi()) as { paths: Record<string, Record<string, unknown>> };
    const collection = (await t.client().postman()) as {
      info: { schema: string };
      item: Array<{ item: unknown[] }>;
    };
    expect(collection.info.schema).toMatch(/v2\.1\.0/);
    const operations = Object.values(document.paths).reduce(
      (sum, methods) => sum + Object.keys(methods).length,
      0,
    );
    expect(collection.item.reduce((sum, folder) => sum + folder.item.length, 0)).toBe(operations);
  });

  /** The real app over `dashboardDir`, on its own port. */
  async function appOver(dashboardDir: string) {
    const { app } = createApp({ config: { ...t.hub.config, dashboardDir }, logger: t.hub.logger, db: t.hub.db, services: t.hub.services });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  it('serves the built reference at /docs under the dashboard CSP, and a favicon at the usual paths', async () => {
    const built = fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-docs-'));
    fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>dashboard</title>');
    fs.writeFileSync(path.join(built, 'docs.html'), '<!doctype html><title>Pixport API reference</title>');
    const { base, close } = await appOver(built);
    try {
      const response = await fetch(`${base}/docs`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Pixport API reference');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const svg = await fetch(`${base}/favicon.svg`);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect(await svg.text()).toMatch(/^<svg /);
      const ico = Buffer.from(await (await fetch(`${base}/favicon.ico`)).arrayBuffer());
      // ICONDIR: reserved 0, type 1 (icon), one image of 16×16 at 32 bits, its BMP header right after the directory.
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4), ico[6], ico[7], ico.readUInt16LE(12)]).toEqual([0, 1, 1, 16, 16, 32]);
      expect(ico.readUInt32LE(14)).toBe(ico.length - 22);
      expect(ico.readUInt32LE(22)).toBe(40);
    } finally {
      close();
      fs.rmSync(built, { recursive: true, force: true });
    }
  });

  it('answers /docs with the not-built page when there is no build, and the favicon all the same', async () => {
    const { base, close } = await appOver(path.join(os.tmpdir(), 'pixport-no-such-build'));
    try {
      const response = await fetch(`${base}/docs`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
      expect((await fetch(`${base}/favicon.ico`)).status).toBe(200);
    } finally {
      close();
    }
  });
});
