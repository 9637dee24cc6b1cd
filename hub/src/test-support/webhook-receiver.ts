import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: headers (lower-case) and the raw body, with its arrival time. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** How to answer one request: a status, headers, a body, and an optional delay before answering. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. Answers queued replies in order (then 200),
 * records every request, and lets a test wait for the n-th one.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: Reply[] = [];
  private readonly waiters: Array<() => void> = [];
  private server!: http.Server;
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = http.createServer((request, response) => receiver.handle(request, response));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  /** Queues the answers of the next requests (after them: 200 `ok`). */
  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Resolves once `count` requests arrived (default: one more than now). */
  async waitFor(count = this.requests.length + 1, timeoutMs = 15_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.requests.length} of ${count} requests in ${timeoutMs} ms`);
      await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    return this.requests.slice(0, count);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = String(value);
      this.requests.push({ method: request.method ?? '', path: request.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      for (const wake of this.waiters.splice(0)) wake();
      const reply = this.replies.shift() ?? {};
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status ?? 200, reply.headers ?? {});
        response.end(reply.body ?? 'ok');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  }
}
