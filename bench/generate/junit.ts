import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { alreadyGenerated, markGenerated, startGenerating } from './generated-marker.js';
import { pick, seededRandom } from '../../test/support/seeded-random.js';

export interface JUnitShape {
  testCases: number;
  /** Shares of test cases (defaults: 2% failing, 1% skipped, 3% with their own system-out). */
  failureRate?: number;
  skipRate?: number;
  outputRate?: number;
}

export interface GeneratedJUnit {
  file: string;
  bytes: number;
}

const AREAS = ['api', 'auth', 'billing', 'cli', 'core', 'search', 'storage', 'ui'];
const SUBJECTS = [
  'pagination',
  'retry policy',
  'token refresh',
  'invoice totals',
  'query parser',
  'upload',
  'cache',
  'router',
];
const BEHAVIOURS = [
  'returns the next page',
  'rejects an empty name',
  'retries on 502',
  'keeps the order',
  'handles unicode',
  'times out after 30s',
  'streams large bodies',
  'escapes <html> & "quotes"',
];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes a realistic JUnit XML file (suites, failures with multi-line stack traces, skips, CDATA output) in 1 MB chunks. */
export function generateJUnit(file: string, shape: JUnitShape): GeneratedJUnit {
  const parameters = { failureRate: 0.02, skipRate: 0.01, outputRate: 0.03, ...shape };
  if (!alreadyGenerated(file, parameters)) {
    startGenerating(file);
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const fd = openSync(partial, 'w');
    let buffer = '';
    const write = (text: string) => {
      buffer += text;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    };
    write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n');
    const random = seededRandom(7);
    for (let written = 0, suite = 0; written < parameters.testCases; suite++) {
      const size = Math.min(parameters.testCases - written, 50 + Math.floor(random() * 350));
      write(suiteXml(random, suite, size, parameters));
      written += size;
    }
    write('</testsuites>\n');
    writeSync(fd, buffer);
    closeSync(fd);
    renameSync(partial, file);
    markGenerated(file, parameters);
  }
  return { file, bytes: statSync(file).size };
}

function suiteXml(random: () => number, index: number, size: number, rates: Required<JUnitShape>): string {
  const area = pick(random, AREAS);
  const className = `com.example.${area}.${pick(random, SUBJECTS).replace(/ /g, '')}Test${index}`;
  const testFile = `src/${area}/suite-${index}.test.ts`;
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const name = escapeXml(`${pick(random, BEHAVIOURS)} #${i}`);
    const seconds = (random() * 0.2).toFixed(3);
    total += Number(seconds);
    const line = 10 + i * 7;
    const open = `    <testcase classname="${className}" name="${name}" time="${seconds}" file="${testFile}" line="${line}"`;
    const roll = random();
    if (roll < rates.failureRate) {
      const isError = random() < 0.2;
      if (isError) errors++;
      else failures++;
      const message = isError
        ? "TypeError: Cannot read properties of undefined (reading 'id')"
        : `expected ${i} to equal ${i + 1}`;
      const tag = isError ? 'error' : 'failure';
      cases.push(
        `${open}>\n      <${tag} message="${escapeXml(message)}" type="${isError ? 'TypeError' : 'AssertionError'}">${escapeXml(stackTrace(message, testFile, line))}</${tag}>\n    </testcase>\n`,
      );
    } else if (roll < rates.failureRate + rates.skipRate) {
      skipped++;
      cases.push(`${open}>\n      <skipped message="pending: flaky on CI"/>\n    </testcase>\n`);
    } else if (roll < rates.failureRate + rates.skipRate + rates.outputRate) {
      cases.push(`${open}>\n      <system-out><![CDATA[${logLines(random, 3)}]]></system-out>\n    </testcase>\n`);
    } else {
      cases.push(`${open}/>\n`);
    }
  }
  const header = `  <testsuite name="${className}" tests="${size}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${total.toFixed(3)}" timestamp="2026-11-01T12:00:00" hostname="runner-${index % 8}" file="${testFile}">\n`;
  const properties =
    index % 10 === 0
      ? '    <properties>\n      <property name="node" value="24"/>\n      <property name="shard" value="1/4"/>\n    </properties>\n'
      : '';
  const output = index % 3 === 0 ? `    <system-out><![CDATA[${logLines(random, 8)}]]></system-out>\n` : '';
  return `${header}${properties}${cases.join('')}${output}  </testsuite>\n`;
}

function stackTrace(message: string, file: string, line: number): string {
  return [
    message,
    `    at Object.<anonymous> (${file}:${line}:17)`,
    '    at Promise.then.completed (node_modules/jest-circus/build/utils.js:298:28)',
    '    at new Promise (<anonymous>)',
    '    at callAsyncCircusFn (node_modules/jest-circus/build/utils.js:231:10)',
    '    at _callCircusTest (node_modules/jest-circus/build/run.js:316:40)',
    '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');
}

function logLines(random: () => number, count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `[${new Date(1_790_000_000_000 + i * 1000).toISOString()}] INFO ${pick(random, SUBJECTS)}: request ${Math.floor(random() * 1e6)} done in ${Math.floor(random() * 900)}ms <ok> & "fine"`,
  ).join('\n');
}
