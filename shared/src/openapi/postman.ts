/**
 * A Postman v2.1 collection from the OpenAPI document: one folder per tag, one request per
 * operation, `{{baseUrl}}` and `{{apiKey}}` as collection variables.
 */
interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  requestBody?: { content?: Record<string, unknown> };
}

export function buildPostmanCollection(document: OpenApiDocument, baseUrl = 'http://localhost:3000') {
  const folders = new Map<string, unknown[]>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const usesKey = (operation.security ?? []).some((scheme) => 'ApiKeyHeader' in scheme);
      const segments = path.replace(/^\//, '').split('/').map((part) => part.replace(/^\{(\w+)\}$/, ':$1'));
      const media = Object.keys(operation.requestBody?.content ?? {});
      const item = {
        name: operation.summary ?? `${method.toUpperCase()} ${path}`,
        request: {
          method: method.toUpperCase(),
          description: operation.description,
          header: [
            ...(usesKey ? [{ key: 'X-API-Key', value: '{{apiKey}}' }] : []),
            ...(media[0] === 'application/json' ? [{ key: 'Content-Type', value: 'application/json' }] : []),
          ],
          url: {
            raw: `{{baseUrl}}/${segments.join('/')}`,
            host: ['{{baseUrl}}'],
            path: segments,
            variable: (operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'path')
              .map((parameter) => ({ key: parameter.name, value: '', description: parameter.description })),
            query: (operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'query')
              .map((parameter) => ({ key: parameter.name, value: '', disabled: !parameter.required })),
          },
          ...(media[0] === 'application/json' ? { body: { mode: 'raw', raw: '{}', options: { raw: { language: 'json' } } } } : {}),
          ...(media[0] === 'multipart/form-data' ? { body: { mode: 'formdata', formdata: [] } } : {}),
        },
      };
      const tag = operation.tags?.[0] ?? 'Other';
      folders.set(tag, [...(folders.get(tag) ?? []), item]);
    }
  }
  return {
    info: {
      name: document.info.title,
      description: document.info.description,
      version: document.info.version,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: baseUrl },
      { key: 'apiKey', value: 'pxp_test_…' },
    ],
    item: [...folders].map(([name, item]) => ({ name, item })),
  };
}
