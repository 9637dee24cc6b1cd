import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { BlockedUrlError, type SsrfGuard } from './ssrf-guard.js';

/** Why a remote file could not be had; `reason` is written for the user who gave the URL. */
export class RemoteFileError extends Error {
  constructor(
    readonly kind: 'blocked' | 'unreachable' | 'status' | 'too_large',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RemoteFileError';
  }
}

export interface RemoteFileOptions {
  guard: SsrfGuard;
  maxBytes: number;
  /** For the whole download, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface RemoteFile {
  data: Buffer;
  /** The last path segment of the final URL, if any. */
  filename: string | null;
}

/**
 * Downloads a user-supplied URL through the SSRF guard (every connection, redirects included, is
 * checked where the socket opens), refusing bodies over `maxBytes` as soon as they announce or reach it.
 */
export async function fetchRemoteFile(text: string, options: RemoteFileOptions): Promise<RemoteFile> {
  const signal = AbortSignal.any([
    AbortSignal.timeout(options.timeoutMs ?? 15_000),
    ...(options.signal ? [options.signal] : []),
  ]);
  let url = await checked(text, options.guard);
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, options, signal);
    const location = response.headers.location;
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume();
      if (redirects >= (options.maxRedirects ?? 3))
        throw new RemoteFileError('status', 'redirects too often');
      url = await checked(redirectTarget(location, url), options.guard);
      continue;
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new RemoteFileError('status', `answered HTTP ${response.statusCode}`);
    }
    const data = await body(response, options.maxBytes, signal);
    const name = path.posix.basename(decodedPath(url.pathname));
    return { data, filename: name || null };
  }
}

/** The absolute URL a `Location` names; a malformed one is the remote's failure, not ours. */
function redirectTarget(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    throw new RemoteFileError('status', 'redirected to a malformed Location');
  }
}

/** The path percent-decoded for a file name; a bad escape (`%ff` alone) stays as written. */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

async function checked(text: string, guard: SsrfGuard): Promise<URL> {
  try {
    const url = await guard.checkUrl(text);
    if (url.username || url.password) throw new BlockedUrlError('must not carry credentials');
    return url;
  } catch (error) {
    if (error instanceof BlockedUrlError) throw new RemoteFileError('blocked', error.reason);
    throw error;
  }
}

function get(url: URL, options: RemoteFileOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? options.guard.httpsAgent : options.guard.httpAgent;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      { agent, signal, headers: { Accept: 'image/*, video/*', 'User-Agent': 'Pixport-hub' } },
      resolve,
    );
    request.on('error', (error: NodeJS.ErrnoException) => reject(failure(error, signal)));
  });
}

function body(response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = () => new RemoteFileError('too_large', `is larger than ${maxBytes} bytes`);
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        reject(tooLarge()); // settles first: the 'aborted'/'error' the destroy causes come after
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', (error: NodeJS.ErrnoException) => reject(failure(error, signal)));
    response.on('aborted', () => reject(failure(new Error('connection closed'), signal)));
  });
}

function failure(error: NodeJS.ErrnoException, signal: AbortSignal): RemoteFileError {
  if (error instanceof BlockedUrlError) return new RemoteFileError('blocked', error.reason);
  if (signal.aborted) return new RemoteFileError('unreachable', 'did not answer in time');
  return new RemoteFileError('unreachable', `could not be fetched (${error.code ?? error.message})`);
}
