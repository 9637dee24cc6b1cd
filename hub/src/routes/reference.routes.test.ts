import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

  it('renders a reference page listing every route', async () => {
    const response = await fetch(`${t.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('/api/wordpress-plugin/auth/validate');
    expect(html).toContain('/api/v1/keys/{id}/rotate');
    expect(html).not.toMatch(/<script/i);
  });
});
