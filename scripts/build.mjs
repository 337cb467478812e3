// Bundles the CLI and its dependencies into one ESM file: a kubectl invocation then parses one
// file instead of resolving thousands of modules (0.15 s instead of 0.5 s to start).
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

// --outdir builds elsewhere (bench, packaging) without touching the dist/ that tests run; --metafile
// writes esbuild's record of what each output file holds (`npx esbuild --analyze` style inspection).
// --sea FILE builds the single executable's script instead (scripts/package): one CommonJS file, no chunks.
const { values: args } = parseArgs({
  options: { outdir: { type: 'string', default: 'dist' }, metafile: { type: 'string' }, sea: { type: 'string' } },
});

// @kubernetes/client-node declares no sideEffects; its generated API clients have none, so let
// esbuild drop the ones we do not call (we use KubeConfig's auth, not the generated clients).
const generatedClientsArePure = {
  name: 'generated-clients-are-pure',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (
        args.pluginData === 'resolved' ||
        !/client-node[\\/]dist[\\/]gen[\\/]|^\.\.?\//.test(args.path) ||
        !args.importer.includes('client-node')
      )
        return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolved' });
      if (/client-node[\\/]dist[\\/]gen[\\/](apis|models)[\\/]/.test(result.path)) return { path: result.path, sideEffects: false };
      return undefined;
    });
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
  // React's production build: its development checks slow every frame.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [generatedClientsArePure],
  // Ink loads React DevTools only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
};

/** Ink's reconciler without its `if (process.env['DEV'] === 'true') { … }` blocks (devtools, top-level awaits). */
function withoutDevBlocks(text, path) {
  const header = "if (process.env['DEV'] === 'true') {";
  let out = text;
  let removed = 0;
  for (let start = out.indexOf(header); start >= 0; start = out.indexOf(header)) {
    let depth = 0;
    let end = start + header.length - 1;
    for (; end < out.length; end++) {
      if (out[end] === '{') depth++;
      else if (out[end] === '}' && --depth === 0) break;
    }
    out = out.slice(0, start) + out.slice(end + 1);
    removed++;
  }
  // An Ink upgrade that moves these blocks must fail the build here, not ship a script that cannot start.
  if (!removed) throw new Error(`${path}: no DEV block found; update scripts/build.mjs for this Ink version`);
  return out;
}

if (args.sea) {
  // A single executable runs one CommonJS script (Node 24), which cannot hold a top-level await: Ink's layout engine
  // loads through sea-tui.ts and sea-yoga.ts instead, and Ink's development-only devtools hook (a top-level await
  // behind DEV=true) is left out.
  const tuiInOneScript = {
    name: 'tui-in-one-script',
    setup(build) {
      const src = new URL('../src/', import.meta.url).pathname;
      build.onResolve({ filter: /tui[\\/]run\.tsx$/ }, (args) =>
        args.importer.endsWith('tui.ts') && args.importer.includes('commands') ? { path: `${src}cli/sea-tui.ts` } : undefined,
      );
      build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: `${src}tui/sea-yoga.ts` }));
      build.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => ({
        contents: withoutDevBlocks(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
  await build({
    ...shared,
    plugins: [...shared.plugins, tuiInOneScript],
    entryPoints: ['src/cli/sea.ts'],
    outfile: args.sea,
    format: 'cjs',
  });
  process.exit(0);
}

// Chunk names carry a content hash: drop the previous build's.
rmSync(`${args.outdir}/chunks`, { recursive: true, force: true });

const result = await build({
  ...shared,
  // start.ts enables the compile cache, then imports the CLI: the cache covers everything but that small file.
  entryPoints: { 'kubectl-scale_ha': 'src/cli/start.ts' },
  outdir: args.outdir,
  metafile: Boolean(args.metafile),
  outExtension: { '.js': '.mjs' },
  // Each command's module is imported when it runs (cli/usage/), `tui` imports Ink and React: splitting keeps
  // them in chunks that `--help` and the other commands never load.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  sourcemap: 'linked',
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
if (args.metafile) writeFileSync(args.metafile, JSON.stringify(result.metafile));
