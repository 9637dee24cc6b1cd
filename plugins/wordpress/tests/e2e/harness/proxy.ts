import http from 'node:http';
import type net from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey: string;
  status: number;
  replayed: boolean;
  /** The answer never reached WordPress (held until WordPress gave up). */
  dropped: boolean;
}

export interface HubProxy {
  url: string;
  requests: ProxiedRequest[];
  /**
   * The next request matching method + path goes to the hub and gets its answer, which is then
   * withheld: WordPress times out although the hub did the work (a lost answer, as on a flaky link).
   */
  loseNextAnswer(method: string, path: string): void;
  /** While down, every connection is cut at once (the hub is unreachable from WordPress). */
  down: boolean;
  close(): Promise<void>;
}

/** A pass-through HTTP proxy in front of the real hub that can lose an answer on purpose. */
export async function startHubProxy(hubUrl: string): Promise<HubProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let lose: { method: string; path: string } | undefined;
  const state = { down: false };
  const server = http.createServer((request, response) => {
    if (state.down) {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = request.url ?? '/';
      const dropped = !!lose && lose.method === request.method && path.startsWith(lose.path);
      if (dropped) lose = undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = request.method ?? 'GET';
      const answer = await fetch(hubUrl + path, {
        method,
        headers,
        body: ['GET', 'HEAD'].includes(method) ? undefined : Buffer.concat(chunks),
        redirect: 'manual',
      });
      const body = Buffer.from(await answer.arrayBuffer());
      requests.push({
        method,
        path,
        idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
        status: answer.status,
        replayed: answer.headers.get('idempotent-replayed') === 'true',
        dropped,
      });
      if (dropped) return; // Keep the connection open and silent until WordPress's timeout.
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(name))
          out[name] = value;
      });
      response.writeHead(answer.status, out);
      response.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    loseNextAnswer(method, path) {
      lose = { method, path };
    },
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
