/**
 * The tester's form values → the HTTP request the hub expects: path and query parameters, and a multipart or
 * JSON body. Pure (FormData and File are the platform's), so the rules are tested without a browser.
 */
import { fillPath, type ApiOperation, type BodyVariant, type Field } from './openapi-model.js';

export type FieldValue = string | boolean | string[] | File[];
export type FormValues = Record<string, FieldValue | undefined>;

export interface BuiltRequest {
  method: string;
  /** Path with parameters filled in, plus the query string. */
  url: string;
  body?: FormData | Record<string, unknown>;
}

export type BuildResult =
  { request: BuiltRequest; problems?: undefined } | { request?: undefined; problems: Record<string, string> };

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Multipart array fields go as repeated `name[]` parts (the hub folds `name[]` into a list). */
const partName = (name: string) => (name.endsWith('[]') ? name : `${name}[]`);

export function buildRequest(
  operation: ApiOperation,
  variant: BodyVariant | undefined,
  values: FormValues,
): BuildResult {
  const problems: Record<string, string> = {};
  const fields = [...operation.params, ...(variant?.fields ?? [])];
  for (const field of fields) {
    const value = values[field.name];
    if (field.required && field.kind !== 'boolean' && isEmpty(value)) problems[field.name] = 'Required.';
    else if (field.alternative && isEmpty(value) && isEmpty(values[field.alternative])) {
      problems[field.name] = `Give a file here or a URL in ${field.alternative}.`;
    } else if (!isEmpty(value)) {
      const problem = checkValue(field, value!);
      if (problem) problems[field.name] = problem;
    }
  }
  if (Object.keys(problems).length > 0) return { problems };

  const pathValues: Record<string, string> = {};
  const query = new URLSearchParams();
  for (const field of operation.params) {
    const value = values[field.name];
    if (isEmpty(value)) continue;
    const text = Array.isArray(value) ? (value as string[]).join(',') : String(value);
    if (field.location === 'path') pathValues[field.name] = text;
    else query.set(field.name, text);
  }
  const search = query.toString();
  const url = fillPath(operation.path, pathValues) + (search ? `?${search}` : '');

  if (!operation.body || !variant) return { request: { method: operation.method, url } };
  // A box left unticked is not sent (the hub's default applies) unless it unticks a default of true.
  const bodyFields = variant.fields.filter((field) =>
    field.kind === 'boolean'
      ? values[field.name] === true || (values[field.name] === false && field.defaultValue === true)
      : !isEmpty(values[field.name]),
  );
  if (
    operation.body.mediaType === 'multipart/form-data' ||
    operation.body.mediaType === 'application/x-www-form-urlencoded'
  ) {
    const form = new FormData();
    if (variant.operation) form.append('operation', variant.operation);
    for (const field of bodyFields) {
      const value = values[field.name]!;
      if (field.kind === 'file') form.append(field.name, (value as File[])[0]!);
      else if (field.kind === 'files')
        for (const file of value as File[]) form.append(partName(field.name), file);
      else if (field.kind === 'enums')
        for (const option of value as string[]) form.append(partName(field.name), option);
      else form.append(field.name, String(value));
    }
    return { request: { method: operation.method, url, body: form } };
  }
  const json: Record<string, unknown> = variant.operation ? { operation: variant.operation } : {};
  for (const field of bodyFields) json[field.name] = jsonValue(field, values[field.name]!);
  return { request: { method: operation.method, url, body: json } };
}

function checkValue(field: Field, value: FieldValue): string | undefined {
  if (field.kind === 'integer' || field.kind === 'number') {
    const number = Number(value);
    if (String(value).trim() === '' || Number.isNaN(number)) return 'Enter a number.';
    if (field.kind === 'integer' && !Number.isInteger(number)) return 'Enter a whole number.';
    if (field.min !== undefined && number < field.min) return `At least ${field.min}.`;
    if (field.max !== undefined && number > field.max) return `At most ${field.max}.`;
  }
  if (field.kind === 'json') {
    try {
      JSON.parse(String(value));
    } catch {
      return 'Enter valid JSON.';
    }
  }
  return undefined;
}

function jsonValue(field: Field, value: FieldValue): unknown {
  if (field.kind === 'integer' || field.kind === 'number') return Number(value);
  if (field.kind === 'boolean') return value === true;
  if (field.kind === 'json') return JSON.parse(String(value));
  return value;
}

/** Starting values: defaults the schema declares, nothing else (the hub applies its own defaults). */
export function initialValues(fields: Field[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (
      field.defaultValue !== undefined &&
      field.defaultValue !== null &&
      field.kind !== 'file' &&
      field.kind !== 'files'
    ) {
      values[field.name] =
        field.kind === 'boolean' ? Boolean(field.defaultValue) : String(field.defaultValue);
    }
  }
  return values;
}

/** Typed values of the filled, non-file fields: what a saved preset stores as `params`. */
export function paramsFromValues(fields: Field[], values: FormValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'file' || field.kind === 'files' || value === undefined) continue;
    if (field.kind === 'boolean' ? value !== true : isEmpty(value)) continue;
    params[field.name] = jsonValue(field, value);
  }
  return params;
}

/** Form values for saved parameters (the inverse of paramsFromValues): what applying a preset fills in. */
export function valuesFromParams(fields: Field[], params: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = params[field.name];
    if (value === undefined || value === null) continue;
    if (field.kind === 'boolean') values[field.name] = value === true || value === 'true';
    else if (field.kind === 'enums')
      values[field.name] = (Array.isArray(value) ? value : String(value).split(',')).map(String);
    else if (field.kind === 'json') values[field.name] = JSON.stringify(value);
    else if (field.kind !== 'file' && field.kind !== 'files') values[field.name] = String(value);
  }
  return values;
}
