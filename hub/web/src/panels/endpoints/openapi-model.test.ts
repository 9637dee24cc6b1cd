import { describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument, operationNames } from '@pixport/shared';
import type { OpenApiDocument } from '../../api/capabilities.js';
import { fillPath, keyOperations, operationsOf, type ApiOperation } from './openapi-model.js';

const document = buildOpenApiDocument() as OpenApiDocument;
const operations = operationsOf(document);
const find = (id: string): ApiOperation => {
  const found = operations.find((operation) => operation.id === id);
  if (!found) throw new Error(`${id} is not in the document`);
  return found;
};

describe('reading the hub’s OpenAPI document', () => {
  it('lists every documented route once', () => {
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(operations.map((operation) => operation.id).sort()).toEqual(documented.sort());
  });

  it('reads auth and scope from the security schemes and the description', () => {
    expect(find('post /api/v1/process')).toMatchObject({ auth: 'key', scope: 'process', tag: 'Images' });
    expect(find('get /api/v1/usage')).toMatchObject({ auth: 'key-or-session', scope: 'usage:read' });
    expect(find('post /api/v1/keys')).toMatchObject({ auth: 'session', scope: undefined });
    expect(find('get /api/v1/openapi').auth).toBe('none');
    expect(find('get /api/v1/usage').description ?? '').not.toMatch(/scope/);
  });

  it('turns a multipart body into typed fields: files, numbers with ranges, booleans, choices', () => {
    const process = find('post /api/v1/process');
    expect(process.body?.mediaType).toBe('multipart/form-data');
    const fields = Object.fromEntries(process.body!.variants[0]!.fields.map((field) => [field.name, field]));
    expect(fields.image).toMatchObject({ kind: 'file', required: false, alternative: 'image_url' });
    expect(fields.width).toMatchObject({ kind: 'integer', min: 1, max: 10000, required: false });
    expect(fields.margin).toMatchObject({ kind: 'number', min: 0, max: 0.49 });
    expect(fields.trim).toMatchObject({ kind: 'boolean' });
    expect(fields.format).toMatchObject({ kind: 'enum', options: ['jpeg', 'png', 'webp', 'avif'] });
    expect(fields.background?.kind).toBe('string');
    expect(
      find('post /api/v1/compliance').body!.variants[0]!.fields.find((field) => field.name === 'marketplace'),
    ).toMatchObject({
      kind: 'enums',
      required: true,
    });
  });

  it('splits a body that is one of several shapes (task submission) by its operation', () => {
    const submit = find('post /api/v1/jobs');
    expect(submit.body!.variants.map((variant) => variant.operation)).toEqual(operationNames);
    const process = submit.body!.variants.find((variant) => variant.operation === 'process')!;
    expect(process.fields.map((field) => field.name)).not.toContain('operation');
    expect(process.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['image', 'width', 'webhookUrl']),
    );
  });

  it('reads query and path parameters, and fills paths safely', () => {
    const list = find('get /api/v1/jobs');
    expect(list.params.find((field) => field.name === 'status')).toMatchObject({
      kind: 'enums',
      location: 'query',
    });
    expect(find('get /api/v1/jobs/{id}').params).toEqual([
      expect.objectContaining({ name: 'id', location: 'path', required: true }),
    ]);
    expect(fillPath('/api/v1/jobs/{id}', { id: 'a/b c' })).toBe('/api/v1/jobs/a%2Fb%20c');
    expect(fillPath('/api/v1/jobs/{id}', {})).toBe('/api/v1/jobs/{id}');
  });

  it('offers the tester only routes an API key can call', () => {
    const testable = keyOperations(operations).map((operation) => operation.id);
    expect(testable).toContain('post /api/v1/process');
    expect(testable).toContain('get /api/v1/usage');
    expect(testable).not.toContain('post /api/v1/keys');
  });
});
