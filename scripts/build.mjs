#!/usr/bin/env node
// Bundles each action (src/actions/<name>/index.ts) and the CLI into dist/<name>/index.js with ncc.
// Usage: node scripts/build.mjs [name ...] [--out DIR]   (default: every bundle, into dist/)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, renameSync, rmSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
/** Builds one bundle beside the old one and swaps it in, so a failed build never leaves a bundle missing. */
async function build(name) {
  const target = join(outDir, name);
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const args = [ncc, 'build', entries[name], '-o', staging, '--target', 'es2022', '--license', 'licenses.txt', '--minify', '--quiet'];
  const code = await new Promise((resolve) => spawn(process.execPath, args, { cwd: root, stdio: 'inherit' }).on('close', resolve));
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`build of dist/${name} failed; the previous bundle is left as it was`);
  }
  if (name === 'cli') {
    const file = join(staging, 'index.js');
    const source = readFileSync(file, 'utf8');
    if (!source.startsWith('#!')) writeFileSync(file, `#!/usr/bin/env node\n${source}`);
    chmodSync(file, 0o755);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`built dist/${name}`);
}

// One ncc process per core.
const queue = [...names];
const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let name = queue.shift(); name; name = queue.shift()) await build(name);
});
try {
  await Promise.all(workers);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
