// The sandbox's POST /admin/oauth/access_token and its token table: token exchange of a session
// token (ID token, HS256 with the app secret) for an offline or online access token, expiring offline
// tokens with a rotating refresh token, and the refresh_token grant. Answers use Shopify's shapes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OAuthOptions {
  /** The app's client id (API key) and secret. */
  clientId: string;
  clientSecret: string;
  shop: string;
  /** Lifetime of expiring access tokens (Shopify: about an hour). */
  accessTokenLifetimeSeconds: number;
  /** Lifetime of refresh tokens. */
  refreshTokenLifetimeSeconds: number;
  /** Scopes granted to every token. */
  scopes: string[];
}

interface IssuedToken {
  kind: 'offline' | 'online' | 'refresh';
  /** Epoch ms; Infinity for non-expiring offline tokens. */
  expiresAt: number;
  /** The access token a refresh token belongs to (revoked when it is spent). */
  accessToken?: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Clock tolerance for exp/nbf of session tokens, as Shopify's own libraries allow. */
const CLOCK_TOLERANCE_S = 10;

export class SandboxOAuth {
  readonly tokens = new Map<string, IssuedToken>();
  /** Counters for tests. */
  readonly stats = { exchanges: 0, refreshes: 0, refused: 0 };

  constructor(readonly options: OAuthOptions) {}

  /** A token the Admin API accepts now. */
  accepts(token: string): boolean {
    const issued = this.tokens.get(token);
    return !!issued && issued.kind !== 'refresh' && issued.expiresAt > Date.now();
  }

  /** Fault switch: every issued access token expires now (the next call gets 401). */
  expireAccessTokens() {
    for (const token of this.tokens.values()) if (token.kind !== 'refresh') token.expiresAt = Date.now() - 1;
  }

  /** Fault switch: refresh tokens are revoked (as when the merchant uninstalls, or one expired). */
  revokeRefreshTokens() {
    for (const [value, token] of this.tokens) if (token.kind === 'refresh') this.tokens.delete(value);
  }

  /** Registers a token the sandbox starts with (the legacy non-expiring offline token). */
  register(token: string, kind: 'offline' | 'online' = 'offline', expiresAt = Infinity) {
    this.tokens.set(token, { kind, expiresAt });
  }

  private issue(kind: 'offline' | 'online', expiring: boolean) {
    const accessToken = `shpat_${randomBytes(16).toString('hex')}`;
    const now = Date.now();
    const lifetime = this.options.accessTokenLifetimeSeconds;
    this.tokens.set(accessToken, { kind, expiresAt: expiring || kind === 'online' ? now + lifetime * 1000 : Infinity });
    const answer: Record<string, unknown> = { access_token: accessToken, scope: this.options.scopes.join(',') };
    if (expiring || kind === 'online') answer.expires_in = lifetime;
    if (expiring && kind === 'offline') {
      const refreshToken = `shprt_${randomBytes(16).toString('hex')}`;
      this.tokens.set(refreshToken, { kind: 'refresh', expiresAt: now + this.options.refreshTokenLifetimeSeconds * 1000, accessToken });
      Object.assign(answer, { refresh_token: refreshToken, refresh_token_expires_in: this.options.refreshTokenLifetimeSeconds });
    }
    if (kind === 'online') {
      Object.assign(answer, {
        associated_user_scope: this.options.scopes.join(','),
        associated_user: { id: 902541635, first_name: 'Sandbox', last_name: 'Owner', email: 'owner@example.com', email_verified: true, account_owner: true, locale: 'en', collaborator: false },
      });
    }
    return answer;
  }

  /** Verifies a session token the way Shopify does before a token exchange. */
  private verifySessionToken(token: string) {
    const parts = token.split('.');
    if (parts.length !== 3) throw new OAuthError(400, 'invalid_subject_token', 'Subject token is not a JWT.');
    const [header, payload, signature] = parts as [string, string, string];
    let head: { alg?: string };
    let claims: { aud?: string; exp?: number; nbf?: number; dest?: string; iss?: string };
    try {
      head = JSON.parse(Buffer.from(header, 'base64url').toString()) as typeof head;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as typeof claims;
    } catch {
      throw new OAuthError(400, 'invalid_subject_token', 'Subject token is not a JWT.');
    }
    const expected = createHmac('sha256', this.options.clientSecret).update(`${header}.${payload}`).digest('base64url');
    if (head.alg !== 'HS256' || !same(signature, expected)) throw new OAuthError(400, 'invalid_subject_token', 'Subject token signature is invalid.');
    const now = Date.now() / 1000;
    if (claims.aud !== this.options.clientId) throw new OAuthError(400, 'invalid_subject_token', 'Subject token audience does not match the client.');
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_S < now) throw new OAuthError(400, 'invalid_subject_token', 'Subject token is expired.');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_S > now) throw new OAuthError(400, 'invalid_subject_token', 'Subject token is not active yet.');
    let destination = '';
    try {
      destination = new URL(String(claims.dest)).hostname;
    } catch {
      // fall through to the mismatch below
    }
    if (destination !== this.options.shop) throw new OAuthError(400, 'invalid_subject_token', 'Subject token was issued for another shop.');
  }

  /** Handles one POST /admin/oauth/access_token body (JSON or form fields). */
  grant(body: Record<string, unknown>): Record<string, unknown> {
    try {
      return this.grantOrThrow(body);
    } catch (error) {
      this.stats.refused++;
      throw error;
    }
  }

  private grantOrThrow(body: Record<string, unknown>): Record<string, unknown> {
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    if (!same(field('client_id'), this.options.clientId) || !same(field('client_secret'), this.options.clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
    }
    const grantType = field('grant_type');
    if (grantType === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      if (field('subject_token_type') !== 'urn:ietf:params:oauth:token-type:id_token') throw new OAuthError(400, 'invalid_request', 'Unsupported subject_token_type.');
      this.verifySessionToken(field('subject_token'));
      const requested = field('requested_token_type');
      const kind = requested === 'urn:shopify:params:oauth:token-type:online-access-token' ? 'online' : requested === 'urn:shopify:params:oauth:token-type:offline-access-token' ? 'offline' : null;
      if (!kind) throw new OAuthError(400, 'invalid_request', 'Unsupported requested_token_type.');
      this.stats.exchanges++;
      return this.issue(kind, ['1', 'true'].includes(String(body.expiring ?? '')));
    }
    if (grantType === 'refresh_token') {
      const value = field('refresh_token');
      const token = this.tokens.get(value);
      if (!token || token.kind !== 'refresh' || token.expiresAt <= Date.now()) throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used.');
      // Refresh tokens rotate: the spent one and the access token it came with stop working.
      this.tokens.delete(value);
      if (token.accessToken) this.tokens.delete(token.accessToken);
      this.stats.refreshes++;
      return this.issue('offline', true);
    }
    throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type ${grantType || '(none)'}.`);
  }
}
