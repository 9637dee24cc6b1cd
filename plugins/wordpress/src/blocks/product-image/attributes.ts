import type { Params } from './operations';

export interface BlockAttributes {
  [key: string]: unknown;
  sourceId?: number;
  sourceUrl?: string;
  operation: string;
  params: Params;
  resultId?: number;
  resultUrl?: string;
  alt: string;
}
