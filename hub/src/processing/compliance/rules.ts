import {
  MARKETPLACE_PRESETS,
  type ComplianceRuleResult,
  type ComplianceSeverity,
  type MarketplaceName,
  type MarketplaceRules,
  type MarketplaceVerdict,
  type ProcessParamsInput,
} from '@pixport/shared';
import type { ImageMeasurements } from './measure.js';

type Check = Omit<ComplianceRuleResult, 'message'> & { message?: string };

function rule(
  name: string,
  passed: boolean,
  actual: ComplianceRuleResult['actual'],
  expected: string,
  severity: ComplianceSeverity = 'error',
): Check {
  return { rule: name, passed, actual, expected, severity };
}

const MB = 1024 * 1024;

/** Each marketplace rule from the table, measured. Absent table entries produce no rule. */
function checks(m: ImageMeasurements, name: MarketplaceName): Check[] {
  const r: MarketplaceRules = MARKETPLACE_PRESETS[name].rules;
  const list: Check[] = [];
  if (r.minLongestSide) list.push(rule('min_longest_side', m.longestSide >= r.minLongestSide, m.longestSide, `>= ${r.minLongestSide} px`));
  if (r.recommendedLongestSide) {
    list.push(rule('recommended_longest_side', m.longestSide >= r.recommendedLongestSide, m.longestSide, `>= ${r.recommendedLongestSide} px`, 'warning'));
  }
  if (r.maxLongestSide) list.push(rule('max_longest_side', m.longestSide <= r.maxLongestSide, m.longestSide, `<= ${r.maxLongestSide} px`));
  if (r.minWidth) list.push(rule('min_width', m.width >= r.minWidth, m.width, `>= ${r.minWidth} px`));
  if (r.minHeight) list.push(rule('min_height', m.height >= r.minHeight, m.height, `>= ${r.minHeight} px`));
  if (r.maxWidth) list.push(rule('max_width', m.width <= r.maxWidth, m.width, `<= ${r.maxWidth} px`));
  if (r.maxHeight) list.push(rule('max_height', m.height <= r.maxHeight, m.height, `<= ${r.maxHeight} px`));
  if (r.maxMegapixels) list.push(rule('max_megapixels', m.megapixels <= r.maxMegapixels, m.megapixels, `<= ${r.maxMegapixels} MP`));
  if (r.maxBytes) list.push(rule('max_bytes', m.bytes < r.maxBytes, m.bytes, `< ${r.maxBytes / MB} MB`));
  if (r.formats) list.push(rule('format', r.formats.includes(m.format), m.format, `one of ${r.formats.join(', ')}`));
  if (r.animatedAllowed === false) list.push(rule('not_animated', !m.animated, m.animated, 'a still image'));
  if (r.srgbRequired) list.push(rule('colour_space', m.colourSpace === 'srgb', m.colourSpace, 'srgb'));
  else if (r.srgbRecommended) list.push(rule('colour_space', m.colourSpace === 'srgb', m.colourSpace, 'srgb', 'warning'));
  if (r.alphaAllowed === false) list.push(rule('no_transparency', !m.transparent, m.transparent, 'fully opaque'));
  if (r.whiteBackground) {
    const tolerance = r.whiteBackground.tolerance;
    list.push(
      rule('white_background', m.borderMaxDeviation <= tolerance, m.borderMaxDeviation, `border pixels RGB 255,255,255 (deviation <= ${tolerance})`),
    );
  }
  if (r.minFillRatio) list.push(rule('product_fill', m.fillRatio >= r.minFillRatio, m.fillRatio, `>= ${r.minFillRatio} of the frame`));
  return list;
}

function describe(check: Check): string {
  const status = check.passed ? 'ok' : check.severity === 'warning' ? 'recommended' : 'fails';
  return `${check.rule}: ${status} (actual ${check.actual}, expected ${check.expected})`;
}

/** `process` parameters that make the image pass: the marketplace preset, trimming the old border. */
export function fixFor(name: MarketplaceName): ProcessParamsInput {
  const preset = MARKETPLACE_PRESETS[name].process;
  return { preset: name, ...preset, fit: 'contain', trim: true, trim_tolerance: 10 };
}

export function evaluateMarketplace(m: ImageMeasurements, name: MarketplaceName): MarketplaceVerdict {
  const rules = checks(m, name).map((check) => ({ ...check, message: check.message ?? describe(check) }));
  const passed = rules.every((result) => result.passed || result.severity === 'warning');
  return { marketplace: name, passed, rules, fix: passed ? null : fixFor(name) };
}
