import type { ParameterizedContext, Next } from 'koa';
import type { SavedPreset } from './http/operation-request.js';
import type { Logger } from './logger.js';
import type { Principal } from './services/principal.js';

/** What middleware puts on `ctx.state` for the rest of the chain. */
export interface AppState {
  requestId: string;
  log: Logger;
  startedAt: number;
  principal?: Principal;
  /** Operation name recorded in the usage log (set by the route). */
  operation?: string;
  /** The caller's label recorded in the usage log (`presetLabel` of an image operation). */
  usageLabel?: string;
  /** Saved presets, for `preset=<id or name>` in operation requests (set for every request). */
  presets?: { lookup(organizationId: string, ref: string): Promise<SavedPreset | undefined> };
  /** Units recorded in the usage log (plugin usage reports). */
  units?: number;
}

export type AppContext = ParameterizedContext<AppState>;
export type AppMiddleware = (ctx: AppContext, next: Next) => Promise<unknown> | unknown;
