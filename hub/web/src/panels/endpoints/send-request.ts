import type { HubClient } from '@pixport/shared';
import type { ErrorReport } from '../../api/errors.js';
import type { BuiltRequest } from './request-form.js';

/** Response headers worth reading after a call, in the order they are shown. */
export const HEADERS_THAT_MATTER = [
  'x-request-id',
  'x-pixport-credits-charged',
  'ratelimit-policy',
  'ratelimit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
  'idempotent-replayed',
  'location',
  'content-type',
];

export interface TesterResponse {
  status: number;
  durationMs: number;
  headers: Array<[string, string]>;
  contentType: string;
  /** Parsed JSON bodies (problem details included). */
  json?: unknown;
  /** Other text bodies, cut at 20 000 characters. */
  text?: string;
  /** Binary bodies (an image when the request asked for `Accept: image/*`). */
  bytes?: Uint8Array;
  /** For 4xx/5xx problem details: the message and request id, as every panel shows them. */
  problem?: ErrorReport;
}

/** Sends a built request with the tester's key-only client and reads the answer whatever its status. */
export async function sendRequest(client: HubClient, request: BuiltRequest): Promise<TesterResponse> {
  const started = performance.now();
  const response = await client.raw<ArrayBuffer>({
    method: request.method,
    url: request.url,
    data: request.body,
    responseType: 'arraybuffer',
  });
  const durationMs = Math.round(performance.now() - started);
  const headerValue = (name: string) => {
    const value = (response.headers as Record<string, unknown>)[name];
    return value === undefined || value === null ? undefined : String(value);
  };
  const headers = HEADERS_THAT_MATTER.flatMap((name): Array<[string, string]> => {
    const value = headerValue(name);
    return value === undefined ? [] : [[name, value]];
  });
  const contentType = headerValue('content-type') ?? '';
  const bytes = new Uint8Array(response.data ?? new ArrayBuffer(0));
  const result: TesterResponse = { status: response.status, durationMs, headers, contentType };
  if (/json/.test(contentType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      result.json = JSON.parse(text) as unknown;
    } catch {
      result.text = text.slice(0, 20_000);
    }
  } else if (/^(text|application\/(xml|javascript))/.test(contentType))
    result.text = new TextDecoder().decode(bytes).slice(0, 20_000);
  else if (bytes.length > 0) result.bytes = bytes;
  if (response.status >= 400) {
    const problem = (result.json ?? {}) as {
      detail?: string;
      code?: string;
      request_id?: string;
      errors?: ErrorReport['fields'];
    };
    result.problem = {
      message: problem.detail ?? `HTTP ${response.status}`,
      code: problem.code,
      status: response.status,
      requestId: problem.request_id ?? headerValue('x-request-id'),
      fields: problem.errors,
    };
  }
  return result;
}

/** Where the output of an answer can be downloaded: a sync result, or a finished task's result. */
export function outputUrlOf(json: unknown): string | undefined {
  const body = json as { output?: { url?: unknown }; status?: unknown; result_url?: unknown } | undefined;
  if (typeof body?.output?.url === 'string') return body.output.url;
  if (body?.status === 'succeeded' && typeof body.result_url === 'string') return body.result_url;
  return undefined;
}

/** A task the answer queued (202): where to poll it. */
export function taskOf(json: unknown): { id: string; statusUrl: string } | undefined {
  const body = json as { id?: unknown; task_id?: unknown; status_url?: unknown } | undefined;
  const id = body?.id ?? body?.task_id;
  return typeof id === 'string' && typeof body?.status_url === 'string'
    ? { id, statusUrl: body.status_url }
    : undefined;
}

/** Downloads a file with the same key and returns a `blob:` URL for an <img>; the caller revokes it. */
export async function previewUrl(
  client: HubClient,
  url: string,
): Promise<{ url: string; type: string } | undefined> {
  const response = await client.raw<ArrayBuffer>({ url, responseType: 'arraybuffer' });
  const type = String(response.headers['content-type'] ?? '');
  if (response.status !== 200 || !type.startsWith('image/')) return undefined;
  return { url: URL.createObjectURL(new Blob([response.data], { type })), type };
}
