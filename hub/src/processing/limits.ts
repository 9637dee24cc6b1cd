/** Resource limits of the image engine; the hub's config supplies them, these are the safe defaults. */
export interface ProcessingLimits {
  /** Largest accepted input file in bytes. */
  maxInputBytes: number;
  /** Largest decoded input in pixels (sharp `limitInputPixels`): refuses decompression bombs from the header. */
  maxInputPixels: number;
  /** Largest image an operation may produce, in pixels. */
  maxOutputPixels: number;
  /** Most frames in a GIF (input frames for `gif`, output frames for `gif-from-video`). */
  maxFrames: number;
  /** Longest clip `gif-from-video` converts, in seconds. */
  maxVideoSeconds: number;
}

export const DEFAULT_LIMITS: ProcessingLimits = Object.freeze({
  maxInputBytes: 25 * 1024 * 1024,
  maxInputPixels: 50_000_000,
  maxOutputPixels: 64_000_000,
  maxFrames: 100,
  maxVideoSeconds: 15,
});

export function resolveLimits(partial: Partial<ProcessingLimits> = {}): ProcessingLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
