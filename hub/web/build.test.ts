/** @jest-environment node */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildDashboard, type BuildResult } from './build.js';

/** Scalar's prebuilt standalone script (served on /docs only) is copied as is under its own SHA-256 name; it brings its own zod. */
const isVendoredScalar = (name: string) => /(^|\/)scalar-[0-9a-f]{10}\.js$/.test(name);

describe('the dashboard build', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildDashboard({ outDir: fs.mkdtempSync(path.join(os.tmpdir(), 'pixport-dashboard-')) });
  }, 120_000);
  afterAll(() => fs.rmSync(result.outDir, { recursive: true, force: true }));

  it('writes an index.html whose script and stylesheet are hashed files of the build', () => {
    const html = fs.readFileSync(path.join(result.outDir, 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]!);
    expect(referenced).toEqual([
      expect.stringMatching(/^app-[A-Z0-9]{8}\.css$/),
      expect.stringMatching(/^app-[A-Z0-9]{8}\.js$/),
    ]);
    for (const name of referenced) expect(fs.existsSync(path.join(result.outDir, 'assets', name))).toBe(true);
  });

  it('splits panels into chunks and names every asset by its content hash', () => {
    const assets = fs
      .readdirSync(path.join(result.outDir, 'assets'))
      .filter((name) => /\.(js|css)$/.test(name));
    expect(assets.filter((name) => name.startsWith('chunk-')).length).toBeGreaterThan(3);
    expect(assets.filter(isVendoredScalar)).toHaveLength(1);
    for (const name of assets.filter((name) => !isVendoredScalar(name))) expect(name).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
  });

  it('writes brotli and gzip copies that decode to the same bytes', () => {
    const entry = result.files.find((file) => /^assets\/app-.*\.js$/.test(file.name))!;
    const file = path.join(result.outDir, entry.name);
    const body = fs.readFileSync(file);
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).equals(body)).toBe(true);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(body)).toBe(true);
  });

  it('bundles the typed client but not the server-side contract (zod, the OpenAPI builder)', () => {
    const scripts = result.files
      .filter((file) => file.name.endsWith('.js') && !isVendoredScalar(file.name))
      .map((file) => fs.readFileSync(path.join(result.outDir, file.name), 'utf8'));
    const all = scripts.join('\n');
    expect(all).toContain('X-CSRF-Token');
    expect(all).not.toContain('OpenApiGeneratorV31');
    expect(all).not.toMatch(/ZodError/);
  });
});
