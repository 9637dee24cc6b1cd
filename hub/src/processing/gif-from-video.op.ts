import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gifFromVideoParamsSchema } from '@pixport/shared';
import { AppError } from '../errors.js';
import { findFfmpeg, parseDuration, runFfmpeg } from './ffmpeg.js';
import { assertInputSize, sniffMediaType } from './input.js';
import { singleInput } from './inputs.js';
import { makeWorkDir } from './work-dir.js';
import { defineOperation } from './operation.js';

const DEFAULTS = { duration: 3, fps: 12, width: 480, colors: 256, dither: 'bayer', loop: 0 } as const;

function tooLong(limit: number) {
  return new AppError('invalid_parameter', `duration: the clip may be at most ${limit} s.`, {
    errors: [{ field: 'duration', message: `must be at most ${limit} seconds` }],
  });
}

export const gifFromVideoOperation = defineOperation({
  name: 'gif-from-video',
  params: gifFromVideoParamsSchema,
  async run(input, params, ctx) {
    const video = singleInput(input);
    assertInputSize(video, ctx.limits);
    const media = sniffMediaType(video);
    if (media?.kind !== 'video') throw new AppError('unsupported_media_type', 'file is not an MP4, WebM or MOV video (checked by content).');
    const requested = params.duration ?? DEFAULTS.duration;
    if (requested > ctx.limits.maxVideoSeconds) throw tooLong(ctx.limits.maxVideoSeconds);
    const ffmpeg = findFfmpeg();
    const workDir = await makeWorkDir('gif');
    try {
      const source = path.join(workDir, `input.${media.format}`);
      const target = path.join(workDir, 'output.gif');
      await writeFile(source, video);
      const probe = await runFfmpeg(ffmpeg, ['-i', source, '-frames:v', '0', '-f', 'null', '-'], ctx.signal).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError('invalid_image', 'The video could not be decoded (corrupt, truncated or no video stream).');
      });
      const length = parseDuration(probe);
      const start = params.start ?? 0;
      if (length !== null && start >= length) {
        throw new AppError('invalid_parameter', `start: the video is ${length.toFixed(2)} s long.`, {
          errors: [{ field: 'start', message: `must be below the video's length (${length.toFixed(2)} s)` }],
        });
      }
      const duration = length === null ? requested : Math.min(requested, length - start);
      const fps = params.fps ?? DEFAULTS.fps;
      const dither = params.dither ?? DEFAULTS.dither;
      const filter =
        `fps=${fps},scale=${params.width ?? DEFAULTS.width}:-2:flags=lanczos,split[a][b];` +
        `[a]palettegen=max_colors=${params.colors ?? DEFAULTS.colors}:stats_mode=diff[p];` +
        `[b][p]paletteuse=dither=${dither === 'bayer' ? 'bayer:bayer_scale=5' : dither}`;
      await runFfmpeg(
        ffmpeg,
        ['-ss', String(start), '-t', String(duration), '-i', source, '-vf', filter, '-loop', String(params.loop ?? DEFAULTS.loop), '-y', target],
        ctx.signal,
      ).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError('invalid_image', 'ffmpeg could not convert the video.');
      });
      const output = await readFile(target);
      const width = output.readUInt16LE(6);
      const height = output.readUInt16LE(8);
      return {
        output,
        contentType: 'image/gif',
        width,
        height,
        metadata: { format: 'gif', bytes: output.length, start, duration, fps, source_duration: length, method: 'ffmpeg palettegen/paletteuse' },
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
});
