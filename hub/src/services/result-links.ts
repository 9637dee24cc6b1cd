import { AppError, notFound } from '../errors.js';
import type { UrlSigner } from '../lib/url-signer.js';
import type { ResultDownload, ResultRecord, ResultService } from './result.service.js';

const PREFIX = '/api/v1/public/results';

/** The path of a result's public link: organization and `<result id>.<extension>`, both signed. */
export const resultLinkPath = (organizationId: string, file: string) => `${PREFIX}/${organizationId}/${file}`;

/**
 * A signed link as it may be stored: without its `expires` and `signature` (the link's path names the
 * result, its id). The signature is a bearer credential until it expires; it goes to the marketplace,
 * never into a row.
 */
export function unsignedLink(url: string): string {
  const at = url.indexOf(`${PREFIX}/`);
  if (at === -1 || !/[?&]signature=/.test(url)) return url;
  return url.split('?')[0]!;
}

/**
 * Results at time-limited signed public URLs, for marketplaces that fetch images themselves (the
 * Amazon bridge hands the URL to Amazon). No credentials travel: the signature is the permission.
 */
export class ResultLinks {
  constructor(
    private readonly results: ResultService,
    private readonly signer: UrlSigner,
    private readonly publicUrl: string | undefined,
    private readonly ttlMs: number,
  ) {}

  /** Links need the hub's public base URL; without PUBLIC_URL nothing outside can reach them. */
  get available(): boolean {
    return this.publicUrl !== undefined;
  }

  requireAvailable(): void {
    if (!this.available) {
      throw new AppError(
        'service_unavailable',
        'Signed image links need the hub’s PUBLIC_URL to be configured (the Amazon bridge hands Amazon a public link).',
      );
    }
  }

  /** A public URL of the result, valid until the TTL or the result's own expiry, whichever comes first. */
  create(result: ResultRecord, now = new Date()): { url: string; expiresAt: Date } {
    this.requireAvailable();
    const expiresAt = new Date(Math.min(now.getTime() + this.ttlMs, result.expiresAt.getTime()));
    const file = `${result.id}.${result.filename.split('.').at(-1)}`;
    return {
      url: `${this.publicUrl}${this.signer.sign(resultLinkPath(result.organizationId, file), expiresAt)}`,
      expiresAt,
    };
  }

  /** Opens the result a link points to: 403 for a link the hub did not sign, 410 once it expired. */
  async open(
    organizationId: string,
    file: string,
    query: { expires?: string; signature?: string },
    now = new Date(),
  ): Promise<ResultDownload & { linkExpiresAt: Date }> {
    const verdict = this.signer.verify(
      resultLinkPath(organizationId, file),
      query.expires,
      query.signature,
      now,
    );
    if (verdict === 'invalid')
      throw new AppError('invalid_signature', 'This link was not signed by this hub, or it was changed.');
    const linkExpiresAt = new Date(Number(query.expires) * 1000);
    if (verdict === 'expired') {
      throw new AppError('link_expired', `This link expired at ${linkExpiresAt.toISOString()}.`, {
        extra: { expired_at: linkExpiresAt.toISOString() },
      });
    }
    const [id, extension] = file.split('.');
    const opened = await this.results.download(organizationId, id!, now, { until: linkExpiresAt, inline: true });
    if (!opened.result.filename.endsWith(`.${extension}`)) {
      opened.stream?.destroy();
      throw notFound('Result');
    }
    return { ...opened, linkExpiresAt };
  }
}
