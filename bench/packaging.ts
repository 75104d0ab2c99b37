import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { t as listTar } from 'tar';
import yauzl from 'yauzl';
import { WORK, type BenchContext } from './context.js';
import { profileSlipway } from './cpu-profile.js';
import { generateFileTree } from './generate/file-tree.js';
import { measureSideBySide } from './measure.js';
import { megabytes, ratio, ratioOf, seconds, type Row, type Section } from './results-table.js';

const TAR_GZIP_SHA =
  'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - tree | gzip -n > "$1" && sha256sum "$1"';

/** `slipway package` (tar.gz and zip) vs GNU tar | gzip -n, then sha256sum; both archives listed and compared. */
export async function benchPackaging(ctx: BenchContext): Promise<Section> {
  const shape = ctx.small ? { files: 500, totalBytes: 7_500_000 } : { files: 20_000, totalBytes: 300_000_000 };
  const base = join(WORK, `packaging-${shape.files}`);
  const tree = generateFileTree(join(base, 'tree'), shape);
  const out = join(base, 'out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const baselineFile = join(out, 'baseline.tar.gz');
  const baselineRun = {
    argv: ['bash', '-c', TAR_GZIP_SHA, 'bench', baselineFile],
    cwd: base,
    timeoutMs: 600_000,
  };
  const label = `${tree.files.toLocaleString('en-US')} files, ${megabytes(tree.bytes / 2 ** 20)}`;
  const rows: Row[] = [];
  const notes = [
    `Tree: ${label}, half text-like (compressible), half random bytes. Baseline: \`${TAR_GZIP_SHA.replace(/"\$1"/g, 'out.tar.gz')}\` (gzip level 6). The baseline runs in turns with each format.`,
    `Slipway: \`slipway package tree --format F --out DIR\` with SOURCE_DATE_EPOCH=0 (no \`--version\`: the root program takes that flag and prints its own version, so the version is 0.0.0-<sha of this checkout>) (${ctx.cli.description}); it also writes a per-file manifest with digests, BUILD-INFO.json and SHA256SUMS.`,
  ];
  for (const format of ['tar.gz', 'zip'] as const) {
    const dir = join(out, format);
    const args = ['package', 'tree', '--format', format, '--out', dir];
    const options = { cwd: base, env: { ...process.env, SOURCE_DATE_EPOCH: '0' }, timeoutMs: 600_000 };
    const [baseline, slipway] = await measureSideBySide(
      [baselineRun, { ...options, argv: [...ctx.cli.argv, ...args], captureStdout: true }],
      { repeat: ctx.repeat },
    );
    const value = ratioOf(slipway, baseline);
    // Issue 20: tar.gz at most as long as tar | gzip + sha256sum, zip within 10% of it.
    const target = format === 'zip' ? 1.1 : 1.0;
    rows.push({
      case: `${label} — ${format}`,
      slipway: seconds(slipway),
      baseline: `tar+gzip+sha256sum ${seconds(baseline)}`,
      ratio: ratio(value),
      memory: `Slipway ${megabytes(slipway.peakMb)}, baseline ${megabytes(baseline.peakMb)}`,
      target: `≤ ${target.toFixed(1)}×`,
      met: Number.isFinite(value) ? value <= target : undefined,
    });
    if (!(value <= target))
      notes.push(
        `${format}: profile of \`slipway package\` from source (\`node --cpu-prof\`): ${await profileSlipway(args, options)}`,
      );
    if (slipway.failure) {
      notes.push(`${format}: Slipway failed: ${slipway.failure}.`);
      continue;
    }
    const result = JSON.parse(slipway.last.stdout) as { file: string; size: number };
    notes.push(
      `${format}: ${megabytes(result.size / 2 ** 20)} archive; ${compareEntries(await archiveEntries(result.file), await archiveEntries(baselineFile))}`,
    );
  }
  notes.push(`Baseline archive: ${megabytes(statSync(baselineFile).size / 2 ** 20)}.`);
  return { title: 'Packaging', rows, notes };
}

/** Regular files in an archive: path below the top directory → size. */
async function archiveEntries(file: string): Promise<Map<string, number>> {
  const entries: [string, number][] = [];
  if (file.endsWith('.zip')) {
    await new Promise<void>((resolve, reject) => {
      yauzl.open(file, { lazyEntries: true }, (error, zip) => {
        if (error) return reject(error);
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!entry.fileName.endsWith('/')) entries.push([entry.fileName, entry.uncompressedSize]);
          zip.readEntry();
        });
        zip.once('end', () => resolve());
        zip.once('error', reject);
        zip.readEntry();
      });
    });
  } else {
    listTar({
      file,
      sync: true,
      onReadEntry: (entry) => void (entry.type === 'File' && entries.push([entry.path, entry.size ?? 0])),
    });
  }
  const tops = new Set(entries.map(([path]) => path.replace(/^\.\//, '').split('/')[0]));
  const strip = (path: string) =>
    tops.size === 1 ? path.replace(/^\.\//, '').replace(/^[^/]+\//, '') : path.replace(/^\.\//, '');
  return new Map(entries.map(([path, size]) => [strip(path), size]));
}

function compareEntries(slipway: Map<string, number>, baseline: Map<string, number>): string {
  const missing = [...baseline.keys()].filter((path) => !slipway.has(path));
  const extra = [...slipway.keys()].filter((path) => !baseline.has(path));
  const differing = [...baseline]
    .filter(([path, size]) => slipway.has(path) && slipway.get(path) !== size)
    .map(([path]) => path);
  if (missing.length === 0 && differing.length === 0) {
    return `same content: all ${baseline.size.toLocaleString('en-US')} files of the baseline, same sizes${extra.length ? `, plus ${extra.join(', ')}` : ''}.`;
  }
  return `**content differs**: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${differing.length} of another size (${differing.slice(0, 3).join(', ')}), ${extra.length} extra.`;
}
