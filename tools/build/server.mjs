// `nx run <api|worker|carrier-sim>:build`: compiles one server app and the workspace files it reaches to plain
// CommonJS in dist/apps/<app>/ (or `--out DIR`/<app>), for the production image to run with `node` and production
// dependencies only.
//
// Each file is compiled on its own by swc with the options @swc-node/register derives from tsconfig.base.json (what
// `npm start` and the tests run), so decorators and their metadata (Nest's injection, TypeORM's columns) come out
// the same; a bundler would have to add that metadata through a plugin. Files are found by following the compiled
// `require`s from the entry points, so specs, fixtures and the console's code are left out, and the `@backtalk/*`
// aliases are rewritten to relative paths. Packages stay `require`s of node_modules. Type checking is `npm run
// typecheck`'s job, not this one's.
import { transformFile } from '@swc/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const APPS = {
  // The one-off commands run in the image too: migrations, the seed, the demo, creating an admin, rotating secrets.
  api: { source: 'apps/api/src', entries: ['main.ts', ...commands('apps/api/src/cli')] },
  worker: { source: 'apps/worker/src', entries: ['main.ts'] },
  'carrier-sim': {
    source: 'apps/carrier-sim/src',
    entries: ['main.ts', 'cli.ts'],
    // The phones page: served from next to the compiled code, its script compiled here rather than on first request.
    assets: ['web/index.html', 'web/styles.css'],
    browserScripts: ['web/app.ts'],
  },
};

const SWC_OPTIONS = {
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', strict: false, noInterop: false },
};

function commands(dir) {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts') && !/\.(spec|integration-spec)\.ts$/.test(name))
    .map((name) => `cli/${name}`);
}

const aliases = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, join(root, target)]));

/** A source file's path in the output: the app's own files at its top, the libraries' under libs/. */
function outputPath(app, outDir, file) {
  const path = relative(root, file).replace(/\.ts$/, '.js');
  const ownPrefix = `${APPS[app].source}/`;
  return join(outDir, path.startsWith(ownPrefix) ? path.slice(ownPrefix.length) : path);
}

function resolveSource(specifier, fromFile) {
  const base = specifier.startsWith('.') ? join(dirname(fromFile), specifier) : aliases[specifier];
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  if (existsSync(base) && statSync(base).isFile()) return base;
  throw new Error(`${relative(root, fromFile)}: cannot resolve '${specifier}'`);
}

async function build(app, outRoot) {
  const spec = APPS[app];
  if (!spec) throw new Error(`usage: server.mjs [--out DIR] <${Object.keys(APPS).join('|')}>…`);
  const outDir = join(outRoot, app);
  rmSync(outDir, { recursive: true, force: true });

  const queue = spec.entries.map((entry) => join(root, spec.source, entry));
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift();
    const target = outputPath(app, outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target.replace(/\.js$/, file.slice(file.lastIndexOf('.'))));
      continue;
    }
    const { code, map } = await transformFile(file, { ...SWC_OPTIONS, filename: file, sourceFileName: relative(dirname(target), file) });
    // swc's output names every runtime dependency in a require("…") call; type-only imports are already gone.
    const rewritten = code.replace(/require\("([^"]+)"\)/g, (call, specifier) => {
      const source = resolveSource(specifier, file);
      if (!source) return call;
      if (!seen.has(source)) {
        seen.add(source);
        queue.push(source);
      }
      let path = relative(dirname(target), outputPath(app, outDir, source)).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return `require(${JSON.stringify(path.endsWith('.json') ? path : path.replace(/\.js$/, ''))})`;
    });
    writeFileSync(target, `${rewritten}\n//# sourceMappingURL=${target.slice(dirname(target).length + 1)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }

  for (const asset of spec.assets ?? []) {
    const target = join(outDir, asset);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, spec.source, asset), target);
  }
  for (const script of spec.browserScripts ?? []) {
    const { code } = await transformFile(join(root, spec.source, script), {
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
      module: { type: 'es6' },
    });
    writeFileSync(join(outDir, script.replace(/\.ts$/, '.js')), code);
  }
  process.stdout.write(`built ${app}: ${seen.size} files in ${relative(root, outDir)}\n`);
}

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const outRoot = values.out ? resolve(values.out) : join(root, 'dist/apps');
for (const app of positionals) await build(app, outRoot);
