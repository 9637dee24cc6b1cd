import { z } from 'zod';
import type { ImageOutputFormat } from './fields.js';

/** Image formats a marketplace can be checked against (as detected from the file's bytes). */
export type CheckedFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff';

export interface MarketplaceRules {
  /** Hard minimum of the longest side in px. */
  minLongestSide?: number;
  /** Recommended minimum of the longest side (a warning, not a failure). */
  recommendedLongestSide?: number;
  minWidth?: number;
  minHeight?: number;
  maxWidth?: number;
  maxHeight?: number;
  maxLongestSide?: number;
  maxMegapixels?: number;
  maxBytes?: number;
  formats?: readonly CheckedFormat[];
  animatedAllowed?: boolean;
  srgbRequired?: boolean;
  /** sRGB is what the marketplace shows best; another colour space (greyscale, CMYK) is a warning, not a failure. */
  srgbRecommended?: boolean;
  /** Main image must be on pure white (border pixels within the tolerance of 255). */
  whiteBackground?: { tolerance: number };
  alphaAllowed?: boolean;
  /** Product's longest extent relative to the frame, e.g. 0.85 = fills 85 %. */
  minFillRatio?: number;
}

export interface MarketplacePreset {
  title: string;
  /** Process defaults a `preset=<marketplace>` fills in. */
  process: {
    width: number;
    height: number;
    margin: number;
    background: string;
    format: ImageOutputFormat;
    jpegQuality: number;
  };
  rules: MarketplaceRules;
  notes: string;
}

const MB = 1024 * 1024;

/** From REFERENCE.md "Marketplace image rules". Values marked uncertain there are warnings here. */
export const MARKETPLACE_PRESETS = {
  amazon: {
    title: 'Amazon main image',
    process: { width: 2000, height: 2000, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 92 },
    rules: {
      minLongestSide: 500,
      recommendedLongestSide: 1000,
      maxLongestSide: 10000,
      formats: ['jpeg', 'tiff', 'png', 'gif'],
      animatedAllowed: false,
      srgbRequired: true,
      whiteBackground: { tolerance: 3 },
      alphaAllowed: false,
      minFillRatio: 0.85,
    },
    notes: 'Pure white background, product fills >= 85 % of the frame, >= 1000 px for zoom; no text, logos, props.',
  },
  shopify: {
    title: 'Shopify product image',
    process: { width: 2048, height: 2048, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 92 },
    // REFERENCE.md's Shopify row has no colour-space rule: sRGB is advised, not required.
    rules: {
      maxWidth: 4472,
      maxHeight: 4472,
      maxMegapixels: 20,
      maxBytes: 20 * MB,
      recommendedLongestSide: 2048,
      srgbRecommended: true,
    },
    notes: '<= 4472x4472 px, <= 20 MP, < 20 MB; 2048x2048 square recommended.',
  },
  woocommerce: {
    title: 'WooCommerce product image',
    process: { width: 1200, height: 1200, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 90 },
    rules: { minWidth: 600, maxLongestSide: 2560, srgbRequired: true },
    notes: 'Single-product image is 600 px wide; WordPress makes a -scaled copy above 2560 px.',
  },
  ebay: {
    title: 'eBay listing image',
    process: { width: 1600, height: 1600, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 92 },
    rules: { minLongestSide: 500, recommendedLongestSide: 1600, srgbRequired: true },
    notes: 'Longest side >= 500 px (1600 px recommended); no borders, text or watermarks.',
  },
  etsy: {
    title: 'Etsy listing image',
    process: { width: 2000, height: 2000, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 92 },
    rules: { recommendedLongestSide: 2000, srgbRequired: true },
    notes: 'The actual item; about 2000 px recommended.',
  },
  google: {
    title: 'Google Merchant Center',
    process: { width: 1500, height: 1500, margin: 0.05, background: '#ffffff', format: 'jpeg', jpegQuality: 92 },
    rules: {
      minWidth: 100,
      minHeight: 100,
      maxMegapixels: 64,
      maxBytes: 16 * MB,
      formats: ['jpeg', 'png', 'gif', 'webp', 'tiff'],
      // Not in Google's rules (REFERENCE.md): greyscale and CMYK images are accepted.
      srgbRecommended: true,
    },
    notes: '>= 100x100 (apparel >= 250x250), <= 64 MP, <= 16 MB; no watermarks, borders or upscaled images.',
  },
} as const satisfies Record<string, MarketplacePreset>;

export type MarketplaceName = keyof typeof MARKETPLACE_PRESETS;
export const marketplaceNames = Object.keys(MARKETPLACE_PRESETS) as [MarketplaceName, ...MarketplaceName[]];
export const marketplaceName = z.enum(marketplaceNames, {
  error: `must be one of ${marketplaceNames.join(', ')}`,
});

export function getMarketplacePreset(name: MarketplaceName): MarketplacePreset {
  return MARKETPLACE_PRESETS[name];
}
