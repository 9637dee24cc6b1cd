import { describe, expect, it } from '@jest/globals';
import { operationNames, OPERATIONS } from '@pixport/shared';
import { OPERATION_CREDITS, PLANS, planNumbers } from './billing.js';

describe('billing tables', () => {
  it('prices every operation, heavy ones above every light one', () => {
    expect(Object.keys(OPERATION_CREDITS).sort()).toEqual([...operationNames].sort());
    const light = operationNames
      .filter((name) => !OPERATIONS[name].heavy)
      .map((name) => OPERATION_CREDITS[name]);
    const heavy = operationNames
      .filter((name) => OPERATIONS[name].heavy)
      .map((name) => OPERATION_CREDITS[name]);
    expect(Math.min(...heavy)).toBeGreaterThan(Math.max(...light));
  });

  it('reads a removed plan as the fallback, free unless told', () => {
    expect(planNumbers('pro')).toBe(PLANS.pro);
    expect(planNumbers('gold')).toBe(PLANS.free);
    expect(planNumbers('gold', 'starter')).toBe(PLANS.starter);
  });
});
