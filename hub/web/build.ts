/**
 * Builds the dashboard with esbuild: hashed, minified ES modules and CSS under `assets/`, an `index.html`
 * that names them, and brotli + gzip copies the hub serves by Accept-Encoding. Run by `npm run build`
 * (`npm run build:web -w hub`); the e2e test calls `buildDashboard` into a temporary directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildDocs } from './build-docs.js';

const webDir = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.join(webDir, 'dist');

export interface BuildResult {
  outDir: string;
  /** Output files relative to outDir, with their sizes (bytes, and gzip-compressed). */
  files: Array<{ name: string; bytes: number; gzipBytes: number }>;
}

export async function buildDashboard(
  options: { outDir?: string; minify?: boolean } = {},
): Promise<BuildResult> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const assetDir = path.join(outDir, 'assets');
  fs.rmSync(outDir, { recursive: true, force: true });

  const result = await esbuild.build({
    absWorkingDir: webDir,
    entryPoints: { app: 'src/main.tsx' },
    outdir: assetDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    tsconfig: path.join(webDir, 'tsconfig.json'),
    minify: options.minify ?? true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    // The sample product photo (src/samples): copied under its content hash, imported as its URL.
    loader: { '.jpg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = Object.entries(result.metafile.outputs);
  const entry =
    outputs.find(([, output]) => output.entryPoint === 'src/main.tsx' && !output.cssBundle) ??
    outputs.find(([, output]) => output.entryPoint === 'src/main.tsx');
  if (!entry) throw new Error('esbuild produced no entry chunk');
  const css = entry[1].cssBundle;
  const url = (file: string) => `/assets/${path.basename(file)}`;
  const template = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const html = template
    .replace('<!-- styles -->', css ? `<link rel="stylesheet" href="${url(css)}">` : '')
    .replace('<!-- scripts -->', `<script type="module" src="${url(entry[0])}"></script>`);
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  await buildDocs({ outDir, assetDir, minify: options.minify ?? true });

  const files = [
    path.join(outDir, 'index.html'),
    path.join(outDir, 'docs.html'),
    ...fs.readdirSync(assetDir).map((name) => path.join(assetDir, name)),
  ];
  for (const file of files) {
    if (!/\.(html|js|css|map|txt|svg)$/.test(file)) continue;
    const body = fs.readFileSync(file);
    if (body.length < 1024) continue;
    fs.writeFileSync(
      `${file}.br`,
      // Quality 11 takes ~20 s on Scalar's 4 MB script; 9 is within 5 % of its size in a second.
      zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: body.length > 1_000_000 ? 9 : 11 } }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  }
  return {
    outDir,
    files: files.map((file) => {
      const body = fs.readFileSync(file);
      return { name: path.relative(outDir, file), bytes: body.length, gzipBytes: zlib.gzipSync(body).length };
    }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, files } = await buildDashboard();
  const scripts = files.filter((file) => /\.(js|css)$/.test(file.name));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  for (const file of scripts)
    console.log(`  ${file.name.padEnd(40)} ${kb(file.bytes).padStart(11)}  gzip ${kb(file.gzipBytes)}`);
  console.log(`dashboard built in ${path.relative(process.cwd(), outDir) || outDir}`);
}
