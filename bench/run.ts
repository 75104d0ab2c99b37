// npm run bench [-- [--small] [--results] [name ...]]
// Runs every benchmark (or those named) and prints a table for each; a full run overwrites bench/RESULTS.md.
//   --small    development sizes; never writes RESULTS.md
//   --results  after a partial run, write RESULTS.md from these results plus the last saved ones of the others
//   --saved    run nothing: write RESULTS.md from the last saved results of every benchmark
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK, resolveCli, type BenchContext } from './context.js';
import { benchApiCost } from './api-cost.js';
import { benchPackaging } from './packaging.js';
import { benchReports } from './reports.js';
import { benchReleaseNotes } from './release-notes.js';
import { renderSection, writeResults, type Section } from './results-table.js';
import { benchStartup } from './startup.js';
import { benchSshTarget } from './ssh-target.js';

const BENCHMARKS: Record<string, { title: string; run: (ctx: BenchContext) => Promise<Section> }> = {
  'release-notes': { title: 'Release notes from local git', run: benchReleaseNotes },
  'reports': { title: 'Test reports', run: benchReports },
  'packaging': { title: 'Packaging', run: benchPackaging },
  'startup': { title: 'Start-up and bundle size', run: benchStartup },
  'ssh-target': { title: 'ssh: target (loopback OpenSSH)', run: benchSshTarget },
  // Last: its time goes to the emulator's git look-ups, and it measures requests, not time.
  'api-cost': { title: 'API cost', run: benchApiCost },
};

const args = process.argv.slice(2);
const small = args.includes('--small');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const savedOnly = args.includes('--saved');
const selected = savedOnly ? [] : named.length > 0 ? named : Object.keys(BENCHMARKS);
const full = named.length === 0 && !small && !savedOnly;
const saved = join(WORK, 'sections');
mkdirSync(saved, { recursive: true });

const started = Date.now();
const needsCli = selected.some((name) => ['release-notes', 'reports', 'packaging'].includes(name));
const ctx: BenchContext = {
  small,
  repeat: 3,
  cli: needsCli ? resolveCli(['notes', 'gate', 'package'], !small) : { argv: [], description: 'not used' },
};
if (needsCli) console.log(`slipway CLI: ${ctx.cli.description}\n`);

const sections: Record<string, Section> = {};
for (const name of selected) {
  const { title, run } = BENCHMARKS[name]!;
  console.log(`# ${title}…`);
  const t0 = Date.now();
  let section: Section;
  try {
    section = await run(ctx);
  } catch (error) {
    section = {
      title,
      rows: [],
      notes: [
        `Not measured: the benchmark stopped with ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
          .split('\n')
          .slice(0, 4)
          .join(' '),
      ],
    };
  }
  section.notes.push(
    `Measured ${new Date().toISOString()} in ${((Date.now() - t0) / 1000).toFixed(0)} s${small ? ' at development (--small) sizes' : ''}.`,
  );
  sections[name] = section;
  if (!small) writeFileSync(join(saved, `${name}.json`), JSON.stringify(section));
  console.log(`\n${renderSection(section)}`);
}

if (full || ((args.includes('--results') || savedOnly) && !small)) {
  const all = Object.keys(BENCHMARKS).map((name) => {
    if (sections[name]) return sections[name];
    const file = join(saved, `${name}.json`);
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Section)
      : { title: BENCHMARKS[name]!.title, rows: [], notes: ['Not measured in this run.'] };
  });
  const preamble = [
    ...(needsCli ? [`The slipway CLI measured: ${ctx.cli.description}.`] : []),
    full
      ? `This run took ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`
      : `Assembled from saved results${selected.length ? ` (${selected.join(', ')} measured now)` : ''}; each section says when it was measured.`,
  ];
  writeResults(join(ROOT, 'bench/RESULTS.md'), all, preamble);
  console.log('\nWrote bench/RESULTS.md');
}
