import { AppError } from '../errors.js';
import { sha256Hex } from '../lib/ids.js';
import type { DeviceTokens } from '../lib/device-token.js';
import type { ThrottleService } from './throttle.service.js';

export interface LoginThrottleOptions {
  /** Sign-in attempts per email from one client (address), or from one known device. */
  maxFailuresPerEmail: number;
  /** Sign-in attempts per email from all unknown clients together (distributed guessing). */
  maxFailuresPerAccount: number;
  /** Sign-in attempts per client address, whatever the email. */
  maxAttemptsPerIp: number;
  /** Sign-ups per client address (counted apart from sign-ins). */
  maxSignupsPerIp: number;
  windowMs: number;
}

/** Failures from one client before each further attempt must wait (1 s, doubling, at most a minute). */
const BACKOFF_AFTER = 3;
const MAX_BACKOFF_MS = 60_000;

export interface SignInClient {
  /** The client's address as the throttles count it (see http/client-address.ts). */
  client: string | null;
  /** The device cookie the browser sent, if any. */
  deviceToken: string | null;
}

/** One reserved sign-in attempt: what to clear when it succeeds, what to extend when it fails. */
export interface SignInAttempt {
  clientBucket: string;
  backoffBucket: string;
  accountBucket: string;
  knownDevice: boolean;
}

/**
 * The sign-in policy. Every attempt is reserved (counted) before the password is hashed, so parallel
 * guesses cannot outrun the limits. Counting is per email and client — an attacker's failures lock
 * out the attacker's address, not the owner's — with a per-account ceiling for guesses spread over many
 * addresses that a known device (one that signed in to this account before) is not subject to. After
 * a few failures from one client, each further attempt waits an exponentially growing delay (429 with
 * Retry-After; no CAPTCHA). The owner is told (audit event) when an account reaches a limit.
 */
export class LoginThrottle {
  constructor(
    private readonly throttle: ThrottleService,
    private readonly devices: DeviceTokens,
    private readonly options: LoginThrottleOptions,
  ) {}

  async beginSignIn(email: string, who: SignInClient): Promise<SignInAttempt> {
    const { windowMs, maxFailuresPerEmail, maxFailuresPerAccount, maxAttemptsPerIp } = this.options;
    const account = sha256Hex(email);
    const device = this.devices.verify(who.deviceToken, email);
    const clientId = device ? `device:${device}` : `client:${sha256Hex(who.client ?? 'unknown')}`;
    const attempt: SignInAttempt = {
      clientBucket: `login:email:${account}:${clientId}`,
      backoffBucket: `login:backoff:${account}:${clientId}`,
      accountBucket: `login:account:${account}`,
      knownDevice: device !== undefined,
    };
    const backoff = await this.throttle.peek(attempt.backoffBucket);
    if (backoff.resetAt > 0) throw tooMany(backoff.resetAt);
    // A known device is not held to its network's address budget (a shared NAT, a proxy).
    if (!device && who.client) {
      const perIp = await this.throttle.reserve(`login:ip:${who.client}`, windowMs, maxAttemptsPerIp);
      if (!perIp.allowed) throw tooMany(perIp.resetAt);
    }
    const perClient = await this.throttle.reserve(attempt.clientBucket, windowMs, maxFailuresPerEmail);
    if (!perClient.allowed) throw tooMany(perClient.resetAt);
    if (!device) {
      const perAccount = await this.throttle.reserve(attempt.accountBucket, windowMs, maxFailuresPerAccount);
      if (!perAccount.allowed) throw tooMany(perAccount.resetAt);
    }
    return attempt;
  }

  /** The password was right: this client starts afresh (the account ceiling keeps its count). */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.throttle.reset(attempt.clientBucket);
    await this.throttle.reset(attempt.backoffBucket);
  }

  /**
   * The password was wrong: from the BACKOFF_AFTER-th failure on, the next attempt from this client
   * waits 1 s, 2 s, 4 s … Returns true once per window when the account reached a limit (notify).
   */
  async failed(attempt: SignInAttempt): Promise<boolean> {
    const { count } = await this.throttle.peek(attempt.clientBucket);
    if (count >= BACKOFF_AFTER) {
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (count - BACKOFF_AFTER));
      await this.throttle.holdUntil(attempt.backoffBucket, Date.now() + delay);
    }
    const account = await this.throttle.peek(attempt.accountBucket);
    const reached = count >= this.options.maxFailuresPerEmail || account.count >= this.options.maxFailuresPerAccount;
    return reached && this.throttle.claimOnce(`login:notified:${attempt.accountBucket}`, this.options.windowMs);
  }

  /** A device cookie for the browser that just signed in to `email`. */
  deviceToken(email: string): string {
    return this.devices.issue(email);
  }

  async beginSignUp(who: SignInClient): Promise<void> {
    if (!who.client) return;
    const perIp = await this.throttle.reserve(`signup:ip:${who.client}`, this.options.windowMs, this.options.maxSignupsPerIp);
    if (!perIp.allowed) throw tooMany(perIp.resetAt, 'sign-up');
  }
}

function tooMany(resetAt: number, what = 'sign-in'): AppError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return new AppError('rate_limited', `Too many ${what} attempts; try again in ${seconds} s.`, {
    headers: { 'Retry-After': String(seconds) },
    extra: { retry_after: seconds },
  });
}
