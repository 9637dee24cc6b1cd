import crypto from 'node:crypto';
import type { HubClient } from '@pixport/shared';

type Part = string | { data: Uint8Array; filename: string; type: string };

/**
 * A multipart/form-data request built by hand, for tests in jsdom: there, FormData is jsdom's, which the Node
 * HTTP adapter of axios cannot send.
 */
export async function postMultipart<T>(client: HubClient, url: string, fields: Record<string, Part>) {
  const boundary = `pixport-test-${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, part] of Object.entries(fields)) {
    const head =
      typeof part === 'string'
        ? `Content-Disposition: form-data; name="${name}"\r\n\r\n`
        : `Content-Disposition: form-data; name="${name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`;
    chunks.push(
      Buffer.from(`--${boundary}\r\n${head}`),
      Buffer.from(typeof part === 'string' ? part : part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await client.raw<T>({
    method: 'post',
    url,
    data: Buffer.concat(chunks),
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  });
  if (response.status >= 300)
    throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(response.data)}`);
  return response.data;
}
