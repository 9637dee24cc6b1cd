import { pino, type Logger } from 'pino';

export type { Logger };

/** Anything that may carry a secret is censored even if someone logs a whole object. */
const REDACT = [
  'password',
  'api_key',
  'apiKey',
  'key',
  'secret',
  'token',
  'csrf_token',
  'authorization',
  'cookie',
  '*.password',
  '*.api_key',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'pixport-hub' } });
}
