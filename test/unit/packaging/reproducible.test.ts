import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { FORMATS, packageArtefact, type ArtefactFormat } from '../../../src/packaging/package-artefact.js';
import { EARLIEST_SOURCE_DATE, normalMode, resolveSourceDate, zipDate } from '../../../src/packaging/reproducible.js';
import { cleanup, sampleTree, tempDir } from './sample-tree.js';

afterAll(cleanup);

const DEB = {
  package: 'demo',
  architecture: 'all',
  maintainer: 'Jane <jane@example.com>',
  depends: [],
  description: 'Demo',
  prefix: '/opt/demo',
};

async function build(format: ArtefactFormat, tree: string, sourceDate = 1_700_000_000) {
  return packageArtefact({
    path: tree,
    cwd: '/',
    name: 'demo',
    version: '1.0.0',
    format,
    outputDir: tempDir(),
    sourceDate,
    buildInfo: { commit: 'c'.repeat(40) },
    deb: DEB,
  });
}

describe.each(FORMATS)('%s', (format) => {
  test('two copies of the tree with different file times and permission bits give the same bytes and digest', async () => {
    const first = await build(format, sampleTree({ time: 1_000_000_000, umask: 'strict' }));
    const second = await build(format, sampleTree({ time: 1_600_000_000, umask: 'loose' }));
    expect(second.digest).toBe(first.digest);
    expect(readFileSync(second.file).equals(readFileSync(first.file))).toBe(true);
    const [hex] = execFileSync('sha256sum', [first.file], { encoding: 'utf8' }).split(' ');
    expect(first.digest).toBe(`sha256:${hex}`);
  });

  test('the source date is what sets the times: another date gives another digest', async () => {
    const tree = sampleTree();
    expect((await build(format, tree, 1_700_000_000)).digest).not.toBe(
      (await build(format, tree, 1_700_086_400)).digest,
    );
  });
});

test('a zip does not depend on the time zone of the machine that builds it', async () => {
  const tree = sampleTree();
  const zone = process.env.TZ;
  try {
    process.env.TZ = 'UTC';
    const utc = await build('zip', tree);
    process.env.TZ = 'Pacific/Chatham';
    const chatham = await build('zip', tree);
    expect(new Date(2020, 0, 1).getTimezoneOffset()).not.toBe(0); // the zone really changed
    expect(chatham.digest).toBe(utc.digest);
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test.each([
  ['SOURCE_DATE_EPOCH wins over the commit time', { sourceDateEpoch: '1234', commitTime: 99 }, 1234],
  ['the commit time when SOURCE_DATE_EPOCH is unset', { commitTime: 1_700_000_000 }, 1_700_000_000],
  ['an empty SOURCE_DATE_EPOCH counts as unset', { sourceDateEpoch: ' ', commitTime: 5 }, 5],
  ['1980-01-01 when neither is known', {}, EARLIEST_SOURCE_DATE],
])('source date: %s', (_, given, expected) => {
  expect(resolveSourceDate(given)).toBe(expected);
});

test('a SOURCE_DATE_EPOCH that is not whole seconds is refused, naming it', () => {
  expect(() => resolveSourceDate({ sourceDateEpoch: '2024-01-01' })).toThrow(
    /^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got "2024-01-01"\.$/,
  );
});

test.each([
  ['file', 0o600, 0o644],
  ['file', 0o664, 0o644],
  ['file', 0o700, 0o755],
  ['file', 0o4711, 0o755],
  ['file', 0o010, 0o755],
  ['directory', 0o700, 0o755],
  ['symlink', 0o755, 0o777],
] as const)('mode of a %s with %o becomes %o', (type, mode, expected) => {
  expect(normalMode(type, mode)).toBe(expected);
});

test('zip times are the UTC fields of the source date, clamped to the DOS range', () => {
  const date = zipDate(1_700_000_000);
  expect([
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  ]).toEqual([2023, 10, 14, 22, 13, 20]);
  expect(date.getTime()).toBe(1_700_000_000_000);
  expect(zipDate(0).getTime()).toBe(EARLIEST_SOURCE_DATE * 1000);
});
