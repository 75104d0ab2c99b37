#!/usr/bin/env node
// Bundles each action (src/actions/<name>/index.ts) and the CLI into dist/<name>/index.js with esbuild.
// Usage: node scripts/build.mjs [name ...] [--out DIR]   (default: every bundle, into dist/)
import { build as esbuild } from 'esbuild';
import { builtinModules, createRequire } from 'node:module';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(root, 'dist');
const requested = outIndex >= 0 ? args.filter((_, i) => i !== outIndex && i !== outIndex + 1) : args;

const entries = Object.fromEntries([
  ...readdirSync(join(root, 'src/actions'))
    .filter((name) => existsSync(join(root, 'src/actions', name, 'index.ts'))) // shared/ is no action
    .map((name) => [name, `src/actions/${name}/index.ts`]),
  ['cli', 'src/cli/index.ts'],
]);
const names = requested.length > 0 ? requested : Object.keys(entries);
for (const name of names) {
  if (!entries[name] || !existsSync(join(root, entries[name]))) {
    console.error(`Unknown bundle '${name}'. Known: ${Object.keys(entries).join(', ')}`);
    process.exit(2);
  }
}

// Bundled CommonJS dependencies call require() on Node built-ins, which an ES module lacks; esbuild's shim uses this one.
const banner = [
  "import { createRequire as __slipwayCreateRequire } from 'node:module';",
  'const require = __slipwayCreateRequire(import.meta.url);',
].join('\n');

/**
 * Loads Node built-ins with require(), as ncc did, never with a static `import`: importing node:http as an ES
 * module reads all its exports, and on Node 24 that installs Node's own undici as the global dispatcher
 * before the bundled undici 6 (@actions/github's fetch) can install its own; the two disagree on headers
 * ("invalid content-length header" on a release asset upload, failed chat edits).
 */
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, kind }) =>
      builtins.has(path) && kind !== 'require-call' ? { path, namespace: 'node-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};

/**
 * Native addons (ssh2's optional `sshcrypto.node`, `cpu-features`) are never bundled: a bundle runs on any runner.
 * Their packages load them inside try/catch and fall back to JavaScript, so a require that throws is what they get.
 */
const nativeAddonsThrow = {
  name: 'native-addons-throw',
  setup(build) {
    build.onResolve({ filter: /\.node$/ }, ({ path }) => ({ path, namespace: 'native-addon' }));
    build.onLoad({ filter: /.*/, namespace: 'native-addon' }, ({ path }) => ({
      contents: `throw new Error(${JSON.stringify(`native addon ${path} is not bundled`)});`,
      loader: 'js',
    }));
    // ssh2's WebAssembly poly1305 (inlined, so no path is used) reads __dirname, which an ES module bundle lacks.
    build.onLoad({ filter: /[\\/]node_modules[\\/]ssh2[\\/].*\.js$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replace(
        /\b__dirname\b/g,
        '(typeof __dirname === "undefined" ? "." : __dirname)',
      ),
      loader: 'js',
    }));
  },
};

/**
 * `await import('pkg')` of a CommonJS package: esbuild puts the package in a chunk of its own that exports only
 * `default` (esbuild issue #3245), so `const { WebClient } = await import('@slack/web-api')` would get nothing.
 * Node names a CommonJS module's exports for `import()`; this wrapper names them the same way, read from the
 * package itself at build time.
 */
const commonJsNamedExports = {
  name: 'commonjs-named-exports',
  setup(build) {
    build.onResolve({ filter: /^[@a-z]/ }, async ({ path, kind, resolveDir, pluginData }) => {
      if (kind !== 'dynamic-import' || pluginData === 'inner' || builtins.has(path)) return undefined;
      const resolved = await build.resolve(path, { kind: 'import-statement', resolveDir, pluginData: 'inner' });
      if (resolved.errors.length > 0 || !isCommonJs(resolved.path))
        return resolved.errors.length > 0 ? { errors: resolved.errors } : resolved;
      // Relative to the repository, so that chunk names do not depend on where it is checked out.
      return { path: relative(root, resolved.path).split(sep).join('/'), namespace: 'commonjs-named-exports' };
    });
    build.onLoad({ filter: /.*/, namespace: 'commonjs-named-exports' }, ({ path }) => {
      const names = Object.keys(createRequire(join(root, path))(join(root, path))).filter(
        (name) => name !== 'default' && isIdentifier(name),
      );
      const lines = [
        `const m = require(${JSON.stringify(`./${path}`)});`,
        'export default m;',
        ...names.map((name) => `export const ${name} = m.${name};`),
      ];
      return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
    });
  },
};

/** CommonJS by Node's rules: .cjs, or .js without `"type": "module"` in the nearest package.json. */
function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')))
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module';
  }
  return true;
}

function isIdentifier(name) {
  try {
    new Function(`let ${name};`); // a syntax check (reserved words): nothing runs
    return /^[$_\p{ID_Start}][$\p{ID_Continue}]*$/u.test(name);
  } catch {
    return false;
  }
}

/** The package.json of the package a bundled file belongs to (the innermost node_modules/<pkg>). */
function packageOf(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const depth = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return join(root, ...parts.slice(0, at + 1 + depth));
}

const licenseFile = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
/** Each bundled package's name, licence and licence text, as ncc's --license wrote them. */
function licenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = /^[a-z-]+:/.test(input) ? undefined : packageOf(input); // the plugins' wrappers are no package
    if (!dir || packages.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((entry) => licenseFile.test(entry));
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'UNKNOWN');
    packages.set(dir, {
      name: manifest.name,
      version: manifest.version,
      license,
      text: file ? readFileSync(join(dir, file), 'utf8').trim() : '',
    });
  }
  return [...packages.values()]
    .sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1))
    .map(({ name, version, license, text }) => `${name}@${version}\n${license}\n${text}\n`)
    .join('\n');
}

/** Builds one bundle beside the old one and swaps it in, so a failed build never leaves a bundle missing. */
async function build(name) {
  const target = join(outDir, name);
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const { metafile } = await esbuild({
      absWorkingDir: root,
      entryPoints: { index: entries[name] },
      outdir: staging,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      splitting: true, // the lazy `await import()` of each main.ts stays a chunk of its own
      chunkNames: '[name]-[hash]',
      minify: true,
      legalComments: 'none', // licenses.txt holds them
      plugins: [builtinsByRequire, nativeAddonsThrow, commonJsNamedExports],
      banner: { js: name === 'cli' ? `#!/usr/bin/env node\n${banner}` : banner },
      metafile: true,
      logLevel: 'error',
    });
    writeFileSync(join(staging, 'licenses.txt'), licenses(metafile));
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`build of dist/${name} failed; the previous bundle is left as it was`, { cause: error });
  }
  if (name === 'cli') chmodSync(join(staging, 'index.js'), 0o755);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`built ${target.startsWith(root + sep) ? target.slice(root.length + 1) : target}`);
}

// esbuild runs its own threads, so one build at a time already uses every core.
try {
  for (const name of names) await build(name);
} catch (error) {
  // esbuild has printed its errors already; anything else (a plugin's) is in the cause.
  console.error(error.message, error.cause?.errors ? '' : error.cause);
  process.exit(1);
}
