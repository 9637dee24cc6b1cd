// Shared plumbing for the sandboxes: start a Koa app on 127.0.0.1 and read raw request bodies.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

export interface RunningSandbox<State> {
  url: string;
  state: State;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
  /** Serve HTTPS with this key/cert (e.g. to exercise WooCommerce Basic auth). */
  tls?: { key: string; cert: string };
}

export async function listen(app: Koa, options: ListenOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const handler = app.callback();
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export async function readBody(request: http.IncomingMessage, limit = 25 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a multipart/form-data body with the platform's own parser. */
export async function readMultipart(request: http.IncomingMessage): Promise<FormData> {
  const body = await readBody(request);
  return new Request('http://sandbox.local/', { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body }).formData();
}
