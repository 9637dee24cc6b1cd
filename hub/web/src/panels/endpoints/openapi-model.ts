/**
 * The served OpenAPI document, read into what the contracts list and the tester need: one entry per
 * route with its auth, scope, parameters and body fields. Pure; tested against the hub's real document.
 */
import type { OpenApiDocument } from '../../api/capabilities.js';

type Schema = Record<string, unknown>;

export type Auth = 'none' | 'key' | 'session' | 'key-or-session';
export type FieldKind =
  'file' | 'files' | 'boolean' | 'enum' | 'enums' | 'integer' | 'number' | 'string' | 'json';

export interface Field {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  min?: number;
  max?: number;
  defaultValue?: unknown;
  /** Another field that may stand in for this one ("Required: this file or `image_url`"): one of them is needed. */
  alternative?: string;
  /** Where a parameter goes: path, query, or the body. */
  location: 'path' | 'query' | 'body';
}

/** One shape of a body; bodies that are a `oneOf` by `operation` (task submission) have one per operation. */
export interface BodyVariant {
  /** The value of the discriminating `operation` field, when the body is a oneOf. */
  operation?: string;
  fields: Field[];
}

export interface ApiOperation {
  /** `post /api/v1/process` */
  id: string;
  method: string;
  /** The OpenAPI path template, e.g. `/api/v1/jobs/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  scope?: string;
  params: Field[];
  body?: { mediaType: string; variants: BodyVariant[] };
  responses: Array<{ status: string; description: string }>;
}

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): ApiOperation[] {
  const resolve = resolverOf(document);

  const operations: ApiOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const method of METHOD_ORDER) {
      const raw = methods[method] as Schema | undefined;
      if (!raw) continue;
      const description = raw.description as string | undefined;
      const parameters = ((raw.parameters as Schema[] | undefined) ?? []).map((parameter) =>
        fieldOf(
          parameter.name as string,
          resolve(parameter.schema as Schema),
          Boolean(parameter.required),
          (parameter.in as Field['location']) ?? 'query',
          parameter.description as string | undefined,
          resolve,
        ),
      );
      const content = ((raw.requestBody as Schema | undefined)?.content ?? {}) as Record<
        string,
        { schema?: Schema }
      >;
      const mediaType =
        Object.keys(content).find((type) => type === 'multipart/form-data') ?? Object.keys(content)[0];
      operations.push({
        id: `${method} ${path}`,
        method,
        path,
        tag: ((raw.tags as string[] | undefined) ?? ['Other'])[0]!,
        summary: (raw.summary as string | undefined) ?? '',
        description: description?.replace(/\n*API keys need the `[^`]+` scope\.$/, '') || undefined,
        auth: authOf(raw.security as Array<Record<string, unknown>> | undefined),
        scope: /API keys need the `([^`]+)` scope/.exec(description ?? '')?.[1],
        params: parameters,
        body: mediaType
          ? { mediaType, variants: variantsOf(resolve(content[mediaType]!.schema), resolve) }
          : undefined,
        responses: Object.entries((raw.responses ?? {}) as Record<string, { description?: string }>).map(
          ([status, response]) => ({
            status,
            description: response.description ?? '',
          }),
        ),
      });
    }
  }
  return operations;
}

function authOf(security: Array<Record<string, unknown>> | undefined): Auth {
  const schemes = new Set((security ?? []).flatMap((entry) => Object.keys(entry)));
  const key = schemes.has('ApiKeyHeader') || schemes.has('BearerKey');
  const session = schemes.has('SessionCookie');
  if (key && session) return 'key-or-session';
  if (key) return 'key';
  if (session) return 'session';
  return 'none';
}

function variantsOf(schema: Schema, resolve: (schema: Schema | undefined) => Schema): BodyVariant[] {
  const choices = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (choices && choices.every((choice) => resolve(choice).type === 'object')) {
    return choices.map((choice) => {
      const object = resolve(choice);
      const operation = (
        (object.properties as Record<string, Schema> | undefined)?.operation?.enum as string[] | undefined
      )?.[0];
      return {
        operation,
        fields: objectFields(object, resolve).filter((field) => !(operation && field.name === 'operation')),
      };
    });
  }
  return [{ fields: objectFields(schema, resolve) }];
}

function objectFields(schema: Schema, resolve: (schema: Schema | undefined) => Schema): Field[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  // readOnly properties are the server's to set (OpenAPI: not sent in requests), so no form offers them.
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>)
    .filter(([, property]) => resolve(property).readOnly !== true)
    .map(([name, property]) => fieldOf(name, resolve(property), required.has(name), 'body', undefined, resolve));
}

function fieldOf(
  name: string,
  schema: Schema,
  required: boolean,
  location: Field['location'],
  description: string | undefined,
  resolve: (schema: Schema | undefined) => Schema,
): Field {
  const text = description ?? (schema.description as string | undefined);
  const alternative = /Required: this file or `(\w+)`/.exec(text ?? '')?.[1];
  const base = { name, required, location, description: text, ...(alternative ? { alternative } : {}) };
  const numeric = {
    min: schema.minimum as number | undefined,
    max: schema.maximum as number | undefined,
    defaultValue: schema.default,
  };
  const types = ([] as unknown[]).concat(schema.type ?? []).filter((type) => type !== 'null') as string[];
  const choices = ((schema.anyOf ?? schema.oneOf) as Schema[] | undefined)?.map(resolve);

  if (schema.format === 'binary') return { ...base, kind: 'file' };
  if (types[0] === 'array') {
    const items = resolve(schema.items as Schema);
    if (items.format === 'binary')
      return { ...base, kind: 'files', min: schema.minItems as number, max: schema.maxItems as number };
    if (Array.isArray(items.enum))
      return { ...base, kind: 'enums', options: (items.enum as unknown[]).map(String) };
    return { ...base, kind: 'string', description: `${base.description ?? ''} Comma-separated.`.trim() };
  }
  if (choices?.some((choice) => choice.type === 'boolean')) return { ...base, kind: 'boolean' };
  if (Array.isArray(schema.enum))
    return {
      ...base,
      kind: 'enum',
      options: (schema.enum as unknown[]).filter((value) => value !== null).map(String),
    };
  if (types[0] === 'integer') return { ...base, kind: 'integer', ...numeric };
  if (types[0] === 'number') return { ...base, kind: 'number', ...numeric };
  if (types[0] === 'boolean') return { ...base, kind: 'boolean' };
  if (types[0] === 'object') return { ...base, kind: 'json' };
  return { ...base, kind: 'string', defaultValue: schema.default };
}

/** Routes an API key can call (what the tester offers). */
export function keyOperations(operations: ApiOperation[]): ApiOperation[] {
  return operations.filter(
    (operation) =>
      operation.auth === 'key' || operation.auth === 'key-or-session' || operation.auth === 'none',
  );
}

/** The path with its parameters filled in (URL-encoded); unfilled ones stay as `{name}`. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] ? encodeURIComponent(values[name]) : whole,
  );
}

/** Fields of an object schema of `document` (a `$ref` or inline), e.g. a nested `credentials` object. */
export function objectFieldsOf(document: OpenApiDocument, schema: Schema | undefined): Field[] {
  const resolve = resolverOf(document);
  return objectFields(resolve(schema), resolve);
}

/** Follows `$ref`s to the document's component schemas. */
function resolverOf(document: OpenApiDocument): (schema: Schema | undefined) => Schema {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  return (schema) => {
    let current = schema ?? {};
    for (let depth = 0; typeof current.$ref === 'string' && depth < 10; depth++) {
      current = schemas[(current.$ref as string).split('/').pop()!] ?? {};
    }
    return current;
  };
}
