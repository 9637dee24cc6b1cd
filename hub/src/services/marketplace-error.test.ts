import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@pixport/marketplace';
import { ERROR_CODES } from '@pixport/shared';
import { AppError } from '../errors.js';
import { fromConnector, marketplaceFailure, marketplaceProblem } from './marketplace-error.js';

describe('marketplace errors', () => {
  it('maps every connector code to a problem code with the marketplace’s own code and message', () => {
    const expected = {
      invalid_credentials: 422,
      forbidden: 422,
      not_found: 404,
      throttled: 503,
      invalid_request: 422,
      rejected: 422,
      unavailable: 502,
      network: 502,
      bad_response: 502,
    } as const;
    for (const [code, status] of Object.entries(expected)) {
      const error = new ConnectorError({
        marketplace: 'woocommerce',
        code: code as never,
        message: `woocommerce: ${code}`,
        marketplaceCode: 'woo_x',
        marketplaceMessage: 'Nope.',
      });
      const problem = marketplaceProblem(error);
      expect(problem.status).toBe(status);
      expect(ERROR_CODES[problem.code].status).toBe(status);
      expect(problem.code).toMatch(/^marketplace_/);
      expect(problem.options.extra).toEqual({
        marketplace: 'woocommerce',
        marketplace_code: 'woo_x',
        marketplace_message: 'Nope.',
        retryable: error.retryable,
      });
      expect(marketplaceFailure(error)).toEqual({
        code: problem.code,
        message: `woocommerce: ${code}`,
        marketplace_code: 'woo_x',
        retryable: error.retryable,
      });
    }
  });

  it('passes Retry-After on when throttled', async () => {
    const throttled = new ConnectorError({
      marketplace: 'shopify',
      code: 'throttled',
      message: 'slow down',
      retryAfterSeconds: 2.2,
    });
    const problem = await fromConnector(() => Promise.reject(throttled)).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(AppError);
    expect((problem as AppError).options.headers).toEqual({ 'Retry-After': '3' });
    expect(
      marketplaceProblem(new ConnectorError({ marketplace: 'shopify', code: 'network', message: 'x' }))
        .options.headers,
    ).toBeUndefined();
    const other = new Error('not a connector error');
    await expect(fromConnector(() => Promise.reject(other))).rejects.toBe(other);
  });
});
