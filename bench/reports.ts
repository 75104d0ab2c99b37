import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK, type BenchContext } from './context.js';
import { profileSlipway } from './cpu-profile.js';
import { generateJUnit } from './generate/junit.js';
import { measure, measureSideBySide, type Measurement } from './measure.js';
import { megabytes, ratio, ratioOf, seconds, type Row, type Section } from './results-table.js';

const PARSERS = join(ROOT, 'bench/report-parsers');

/** Slipway's streaming JUnit parser (through `slipway gate --json`) vs a saxes count-only floor vs a whole-document xml2js parse. */
export async function benchReports(ctx: BenchContext): Promise<Section> {
  const sizes = ctx.small ? [10_000, 50_000] : [100_000, 1_000_000];
  const rows: Row[] = [];
  const notes = [
    `Slipway: \`slipway gate <file> --json --max-failures 10000000 --min-pass-rate 0\` (${ctx.cli.description}), a separate process reading the whole report and printing the verdict, totals and listed failures.`,
    'Streaming floor: `bench/report-parsers/count-testcases-saxes.mjs`, saxes with the same 64 KiB chunks, counting `<testcase>` only. Whole-document: `bench/report-parsers/parse-xml2js.mjs`, `xml2js.parseStringPromise` of the file read into a string, as dorny/test-reporter does.',
  ];
  const start = await measure({ argv: [...ctx.cli.argv, '--version'] }, { repeat: ctx.repeat });
  notes.push(
    `Starting the CLI alone (\`slipway --version\`) takes ${seconds(start)} and ${megabytes(start.peakMb)}: the fixed part of every Slipway figure below.`,
  );
  for (const testCases of sizes) {
    const report = generateJUnit(join(WORK, `junit/junit-${testCases}.xml`), { testCases });
    const label = `${testCases.toLocaleString('en-US')} test cases (${megabytes(report.bytes / 2 ** 20)})`;
    const huge = testCases >= 1_000_000;
    const args = ['gate', report.file, '--json', '--max-failures', '10000000', '--min-pass-rate', '0'];
    const [slipway, floor] = await measureSideBySide(
      [
        { argv: [...ctx.cli.argv, ...args], captureStdout: true, timeoutMs: 600_000 },
        {
          argv: [process.execPath, join(PARSERS, 'count-testcases-saxes.mjs'), report.file],
          captureStdout: true,
          timeoutMs: 600_000,
        },
      ],
      { repeat: ctx.repeat },
    );
    // The whole-document parse of a million cases takes minutes and gigabytes: once is enough to show it.
    const xml2js = await measure(
      {
        argv: [process.execPath, join(PARSERS, 'parse-xml2js.mjs'), report.file],
        captureStdout: true,
        timeoutMs: 600_000,
      },
      { repeat: huge ? 1 : ctx.repeat },
    );
    const vsFloor = ratioOf(slipway, floor);
    const vsWhole = ratioOf(slipway, xml2js);
    rows.push(
      {
        case: `${label} — vs streaming floor`,
        slipway: seconds(slipway),
        baseline: `saxes count ${seconds(floor)}`,
        ratio: ratio(vsFloor),
        memory: `Slipway ${megabytes(slipway.peakMb)}, floor ${megabytes(floor.peakMb)}`,
        target: '≤ 1.5×',
        met: Number.isFinite(vsFloor) ? vsFloor <= 1.5 : undefined,
      },
      {
        case: `${label} — vs xml2js`,
        slipway: seconds(slipway),
        baseline: `xml2js ${seconds(xml2js)}`,
        ratio: ratio(vsWhole),
        memory: `xml2js ${megabytes(xml2js.peakMb)}`,
        target: '≤ 0.2× (≥ 5× faster)',
        met: xml2js.failure && !slipway.failure ? true : Number.isFinite(vsWhole) ? vsWhole <= 0.2 : undefined,
      },
    );
    if (huge || ctx.small)
      rows.push({
        case: `${label} — peak memory`,
        slipway: megabytes(slipway.peakMb),
        baseline: `floor ${megabytes(floor.peakMb)}`,
        ratio: '—',
        memory: megabytes(slipway.peakMb),
        target: '< 100 MB',
        met: slipway.failure ? undefined : slipway.peakMb < 100,
      });
    notes.push(`${label}: ${agreement(slipway, floor, xml2js)}`);
    if (rows.some((row) => row.case.startsWith(label) && row.met === false))
      notes.push(
        `${label}: profile of \`slipway gate\` from source (\`node --cpu-prof\`): ${await profileSlipway(args, { timeoutMs: 600_000 })}`,
      );
  }
  rows.push(await benchShards(ctx, notes));
  return { title: 'Test reports', rows, notes };
}

/**
 * Issue 17's matrix scale: 10 shards of 100,000 cases, one file each (as merge mode reads the artifacts the
 * jobs uploaded), gated together by `slipway gate <dir>`; memory must stay that of one shard.
 */
async function benchShards(ctx: BenchContext, notes: string[]): Promise<Row> {
  const perShard = ctx.small ? 10_000 : 100_000;
  const one = generateJUnit(join(WORK, `junit/junit-${perShard}.xml`), { testCases: perShard });
  // The shards are copies of one generated report: its marker stays beside it, outside the directory gated.
  const dir = join(WORK, `shards-${perShard}`);
  rmSync(dir, { recursive: true, force: true });
  for (let shard = 0; shard < 10; shard += 1) {
    mkdirSync(join(dir, `test-results-${shard}`), { recursive: true });
    copyFileSync(one.file, join(dir, `test-results-${shard}`, 'junit.xml'));
  }
  const args = ['gate', '--json', '--max-failures', '10000000', '--min-pass-rate', '0'];
  const shards = await measure(
    { argv: [...ctx.cli.argv, ...args, dir], captureStdout: true, timeoutMs: 600_000 },
    { repeat: ctx.repeat },
  );
  const single = await measure(
    { argv: [...ctx.cli.argv, ...args, one.file], captureStdout: true, timeoutMs: 600_000 },
    { repeat: ctx.repeat },
  );
  const total = totalOf(shards, (json) => (json.totals as { total: number }).total);
  notes.push(
    `10 shards × ${perShard.toLocaleString('en-US')}: ${total?.toLocaleString('en-US') ?? '—'} test cases counted (expected ${(10 * perShard).toLocaleString('en-US')}).`,
  );
  return {
    case: `10 shards × ${perShard.toLocaleString('en-US')} test cases — peak memory`,
    slipway: `${seconds(shards)}, ${megabytes(shards.peakMb)}`,
    baseline: `one shard ${megabytes(single.peakMb)}`,
    ratio: '—',
    memory: megabytes(shards.peakMb),
    target: '≤ one shard + 20 MB',
    met: shards.failure || total !== 10 * perShard ? false : shards.peakMb <= single.peakMb + 20,
  };
}

function totalOf(measurement: Measurement, read: (json: Record<string, unknown>) => unknown): number | undefined {
  if (measurement.failure) return undefined;
  try {
    return Number(read(JSON.parse(measurement.last.stdout) as Record<string, unknown>));
  } catch {
    return undefined;
  }
}

/** The three must agree on the number of test cases, or the comparison means nothing. */
function agreement(slipway: Measurement, floor: Measurement, xml2js: Measurement): string {
  const counts = {
    Slipway: totalOf(slipway, (json) => (json.totals as { total: number }).total),
    floor: totalOf(floor, (json) => json.tests),
    xml2js: totalOf(xml2js, (json) => json.tests),
  };
  const failures = Object.entries({ Slipway: slipway, xml2js }).flatMap(([name, m]) =>
    m.failure ? [`${name} failed: ${m.failure}`] : [],
  );
  const shown = Object.entries(counts)
    .map(([name, count]) => `${name} ${count?.toLocaleString('en-US') ?? '—'}`)
    .join(', ');
  const known = Object.values(counts).filter((count) => count !== undefined);
  return `test cases counted: ${shown}${known.every((count) => count === known[0]) ? ' (agree)' : ' (**disagree**)'}.${failures.length ? ` ${failures.join('; ')}.` : ''}`;
}
