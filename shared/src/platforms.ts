/** Client platforms a request is attributed to (`X-Pixport-Client`), as plain data without zod. */
export const PLATFORMS = ['wordpress', 'shopify', 'dashboard', 'direct'] as const;
export type Platform = (typeof PLATFORMS)[number];
