/**
 * Builds the embedded app's pages with esbuild into web/dist, which the app server serves: hashed, minified ES
 * modules (one chunk per page) and CSS under `assets/`, an `index.html` naming them (App Bridge's CDN script
 * first), and brotli + gzip copies. Run by `npm run build` (`npm run build:web -w plugins/shopify`); the e2e
 * test and the page benchmark call `buildApp` into a temporary directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const webDir = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.join(webDir, 'dist');

export interface BuildResult {
  outDir: string;
  /** Output files relative to outDir, with their sizes (bytes, and gzip-compressed). */
  files: Array<{ name: string; bytes: number; gzipBytes: number }>;
  /** The entry chunk and the chunks it imports statically: what the first page load must download. */
  initial: string[];
}

export async function buildApp(options: { outDir?: string; minify?: boolean } = {}): Promise<BuildResult> {
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
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = result.metafile.outputs;
  const entryName = Object.keys(outputs).find(
    (name) => outputs[name]!.entryPoint === 'src/main.tsx' && name.endsWith('.js'),
  );
  if (!entryName) throw new Error('esbuild produced no entry chunk');
  const css = outputs[entryName]!.cssBundle;
  const initial = staticClosure(outputs, entryName);
  const url = (file: string) => `/assets/${path.basename(file)}`;
  const template = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const html = template
    .replace('<!-- styles -->', css ? `<link rel="stylesheet" href="${url(css)}">` : '')
    .replace(
      '<!-- scripts -->',
      [
        // Preload what the entry imports statically, so the browser fetches it in parallel, not in a chain.
        ...initial
          .filter((name) => name !== entryName)
          .map((name) => `<link rel="modulepreload" href="${url(name)}">`),
        `<script type="module" src="${url(entryName)}"></script>`,
      ].join('\n    '),
    );
  fs.writeFileSync(path.join(outDir, 'index.html'), html);

  const files = [
    path.join(outDir, 'index.html'),
    ...fs.readdirSync(assetDir).map((name) => path.join(assetDir, name)),
  ];
  for (const file of files) {
    if (!/\.(html|js|css|map|txt|svg)$/.test(file)) continue;
    const body = fs.readFileSync(file);
    if (body.length < 1024) continue;
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  }
  return {
    outDir,
    initial: initial.map((name) => `assets/${path.basename(name)}`),
    files: files.map((file) => {
      const body = fs.readFileSync(file);
      return {
        name: path.relative(outDir, file),
        bytes: body.length,
        gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
      };
    }),
  };
}

function staticClosure(outputs: esbuild.Metafile['outputs'], entry: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return [...seen];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, files, initial } = await buildApp();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  for (const file of files.filter((candidate) => /\.(js|css)$/.test(candidate.name)))
    console.log(`  ${file.name.padEnd(40)} ${kb(file.bytes).padStart(11)}  gzip ${kb(file.gzipBytes)}`);
  const js = files.filter((file) => file.name.endsWith('.js'));
  const first = js.filter((file) => initial.includes(file.name));
  console.log(
    `JS gzip: ${kb(first.reduce((sum, file) => sum + file.gzipBytes, 0))} on first load, ${kb(js.reduce((sum, file) => sum + file.gzipBytes, 0))} for every page`,
  );
  console.log(`Shopify app pages built in ${path.relative(process.cwd(), outDir) || outDir}`);
}
