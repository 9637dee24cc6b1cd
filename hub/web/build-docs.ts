/**
 * Builds /docs into the dashboard's output: `docs.html`, our small script and stylesheet (esbuild, hashed), and
 * Scalar's prebuilt standalone reference (`@scalar/api-reference`, MIT) copied under a content hash, so the page
 * loads nothing from another origin. Called by `buildDashboard`, which then compresses every asset.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/** The standalone browser build inside the package (not an export of it: located next to its main file). */
export function scalarStandalone(): string {
  const main = fileURLToPath(import.meta.resolve('@scalar/api-reference'));
  return path.join(path.dirname(main), 'browser', 'standalone.js');
}

export async function buildDocs(options: { outDir: string; assetDir: string; minify: boolean }): Promise<void> {
  const { outDir, assetDir } = options;
  const result = await esbuild.build({
    absWorkingDir: webDir,
    entryPoints: { docs: 'docs/docs.ts', 'docs-style': 'docs/docs.css' },
    outdir: assetDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: options.minify,
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const script = outputs.find(([, output]) => output.entryPoint === 'docs/docs.ts')?.[0];
  const style = outputs.find(([, output]) => output.entryPoint === 'docs/docs.css')?.[0];
  if (!script || !style) throw new Error('esbuild produced no docs entry');

  // The source map it names is not shipped: drop the comment so browsers do not ask for it.
  const scalar = fs.readFileSync(scalarStandalone(), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  const scalarName = `scalar-${crypto.createHash('sha256').update(scalar).digest('hex').slice(0, 10)}.js`;
  fs.writeFileSync(path.join(assetDir, scalarName), scalar);

  const url = (file: string) => `/assets/${path.basename(file)}`;
  const html = fs
    .readFileSync(path.join(webDir, 'docs', 'index.html'), 'utf8')
    .replace('<!-- styles -->', `<link rel="stylesheet" href="${url(style)}">`)
    .replace(
      '<!-- scripts -->',
      `<script src="/assets/${scalarName}"></script>\n    <script type="module" src="${url(script)}"></script>`,
    );
  fs.writeFileSync(path.join(outDir, 'docs.html'), html);
}
