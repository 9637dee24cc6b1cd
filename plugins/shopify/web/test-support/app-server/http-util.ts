import type http from 'node:http';
import type { AppProblem } from '../../../server/src/api/contract.js';

export type Handler = (req: http.IncomingMessage, url: URL, params: string[]) => unknown | Promise<unknown>;

/** An error answered as problem+json with a stable code (and, for hub errors, the hub's request id). */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: AppProblem['errors'],
    readonly hubRequestId?: string,
  ) {
    super(detail);
  }
}

export async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Problem(413, 'payload_too_large', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    throw new Problem(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new Problem(400, 'invalid_json', 'The request body is not a JSON object.');
  }
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable entity',
  500: 'Internal error',
  502: 'Bad gateway',
};

export function sendProblem(res: http.ServerResponse, caught: unknown, requestId: string): void {
  const problem =
    caught instanceof Problem
      ? caught
      : new Problem(500, 'internal', 'Something went wrong in the test server.');
  const body: AppProblem = {
    type: `https://pixport.dev/problems/${problem.code}`,
    title: titles[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    request_id: requestId,
    ...(problem.hubRequestId ? { hub_request_id: problem.hubRequestId } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  if (!res.headersSent) res.writeHead(problem.status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify(body));
}
