import { describe, expect, it } from '@jest/globals';
import { marketplaceNames, type ComplianceReport } from '@pixport/shared';
import { runOperation } from './engine.js';
import { NON_COMPLIANT_SHOTS, compliantShot, productOn } from './test-images.js';

const compliant = compliantShot;
const NON_COMPLIANT = NON_COMPLIANT_SHOTS;

async function check(image: Buffer, marketplace: string, extra: Record<string, unknown> = {}) {
  const result = await runOperation('compliance', image, { marketplace, ...extra });
  return { result, report: result.metadata as unknown as ComplianceReport };
}

describe('compliance', () => {
  it('passes a compliant image for every marketplace', async () => {
    const { report } = await check(await compliant(), marketplaceNames.join(','));
    for (const verdict of report.marketplaces) expect({ name: verdict.marketplace, passed: verdict.passed }).toEqual({ name: verdict.marketplace, passed: true });
    expect(report.passed).toBe(true);
    const amazon = report.marketplaces.find((verdict) => verdict.marketplace === 'amazon')!;
    const fill = amazon.rules.find((rule) => rule.rule === 'product_fill')!;
    expect(fill.passed).toBe(true);
    expect(fill.actual as number).toBeCloseTo(0.9, 2);
    expect(amazon.fix).toBeNull();
  });

  it.each(Object.entries(NON_COMPLIANT).filter(([, make]) => make !== null))('fails a non-compliant image for %s', async (name, make) => {
    const { report } = await check(await make!(), name);
    const verdict = report.marketplaces[0]!;
    expect(verdict.passed).toBe(false);
    expect(verdict.rules.some((rule) => !rule.passed && rule.severity === 'error')).toBe(true);
    expect(verdict.fix).toMatchObject({ preset: name });
  });

  it('reports the white-background rule with its tolerance', async () => {
    const grey = await productOn('#f0f0f0', { width: 1200, height: 1200 }, { left: 40, top: 40, width: 1120, height: 1120 });
    const { report } = await check(grey, 'amazon');
    const rule = report.marketplaces[0]!.rules.find((result) => result.rule === 'white_background')!;
    expect(rule.passed).toBe(false);
    expect(rule.actual).toBeGreaterThanOrEqual(14);
    expect(rule.expected).toContain('<= 3');
  });

  it('auto_fix returns a fixed image that passes its own check', async () => {
    const { result, report } = await check(await NON_COMPLIANT.amazon(), 'amazon', { auto_fix: true });
    expect(report.passed).toBe(false);
    expect(result.output).not.toBeNull();
    expect([result.width, result.height]).toEqual([2000, 2000]);
    const fixed = result.metadata.fixed_check as ComplianceReport;
    expect(fixed.passed).toBe(true);
    const again = await check(result.output!, 'amazon');
    expect(again.report.passed).toBe(true);
  });
});
