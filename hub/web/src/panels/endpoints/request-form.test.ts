import { describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '@pixport/shared';
import type { OpenApiDocument } from '../../api/capabilities.js';
import { operationsOf } from './openapi-model.js';
import { buildRequest, initialValues, paramsFromValues, valuesFromParams } from './request-form.js';

const operations = operationsOf(buildOpenApiDocument() as OpenApiDocument);
const find = (id: string) => operations.find((operation) => operation.id === id)!;
const image = new File([new Uint8Array([1, 2, 3])], 'shoe.jpg', { type: 'image/jpeg' });
const entries = (form: unknown) =>
  [...(form as FormData).entries()].map(([name, value]) => [
    name,
    typeof value === 'string' ? value : (value as File).name,
  ]);

describe('the tester’s form → the request', () => {
  const process = find('post /api/v1/process');
  const processBody = process.body!.variants[0];

  it('names every missing required field and every value out of range, and sends nothing then', () => {
    expect(buildRequest(process, processBody, {}).problems).toEqual({
      image: 'Give a file here or a URL in image_url.',
    });
    expect(
      buildRequest(process, processBody, { image_url: 'https://shop.example/shoe.jpg' }).problems,
    ).toBeUndefined();
    expect(
      buildRequest(process, processBody, { image: [image], width: '0', margin: '0.6', jpegQuality: '9.5' })
        .problems,
    ).toEqual({
      width: 'At least 1.',
      margin: 'At most 0.49.',
      jpegQuality: 'Enter a whole number.',
    });
  });

  it('builds multipart with the file, the filled fields, ticked boxes only, and lists as repeated name[] parts', () => {
    const built = buildRequest(process, processBody, {
      image: [image],
      width: '2000',
      background: '',
      trim: true,
      keep_metadata: false,
      format: 'webp',
    });
    expect(built.request?.url).toBe('/api/v1/process');
    expect(entries(built.request!.body)).toEqual([
      ['width', '2000'],
      ['trim', 'true'],
      ['format', 'webp'],
      ['image', 'shoe.jpg'],
    ]);
    const compliance = find('post /api/v1/compliance');
    const checked = buildRequest(compliance, compliance.body!.variants[0], {
      image: [image],
      marketplace: ['amazon', 'etsy'],
    });
    expect(entries(checked.request!.body)).toEqual([
      ['marketplace[]', 'amazon'],
      ['marketplace[]', 'etsy'],
      ['image', 'shoe.jpg'],
    ]);
  });

  it('adds the operation of a task submission first', () => {
    const submit = find('post /api/v1/jobs');
    const variant = submit.body!.variants.find((candidate) => candidate.operation === 'remove-background')!;
    expect(entries(buildRequest(submit, variant, { image: [image], crop: true }).request!.body)[0]).toEqual([
      'operation',
      'remove-background',
    ]);
  });

  it('puts path parameters in the path and lists in the query comma-separated', () => {
    expect(buildRequest(find('get /api/v1/jobs/{id}'), undefined, { id: 'task_1' }).request?.url).toBe(
      '/api/v1/jobs/task_1',
    );
    expect(
      buildRequest(find('get /api/v1/jobs'), undefined, { status: ['queued', 'failed'], limit: '10' }).request
        ?.url,
    ).toBe('/api/v1/jobs?status=queued%2Cfailed&limit=10');
  });

  it('sends JSON bodies with typed values', () => {
    const create = find('post /api/v1/webhooks');
    const built = buildRequest(create, create.body!.variants[0], {
      url: 'https://shop.example/hook',
      events: ['task.succeeded'],
    });
    expect(built.request?.body).toEqual({ url: 'https://shop.example/hook', events: ['task.succeeded'] });
  });

  it('starts from the defaults the schema declares', () => {
    expect(initialValues(find('get /api/v1/jobs').params)).toEqual({ limit: '25' });
  });
});

describe('preset parameters ↔ form values', () => {
  const submit = find('post /api/v1/jobs');
  const fields = submit.body!.variants.find((variant) => variant.operation === 'process')!.fields;

  it('stores typed values of the filled fields only, never files', () => {
    const params = paramsFromValues(fields, {
      image: [image],
      width: '2000',
      margin: '0.08',
      trim: true,
      keep_metadata: false,
      format: 'webp',
      background: '',
    });
    expect(params).toEqual({ width: 2000, margin: 0.08, trim: true, format: 'webp' });
  });

  it('fills the form back from saved parameters', () => {
    expect(valuesFromParams(fields, { width: 2000, trim: true, format: 'webp', unknown: 1 })).toEqual({
      width: '2000',
      trim: true,
      format: 'webp',
    });
  });
});
