import { closeSync, openSync, writeSync } from 'node:fs';

export interface LargeJUnitShape {
  /** Every `failEvery`th case fails (default 10,000). */
  failEvery?: number;
  /** Suite names are this plus a number (default `suite`). */
  suitePrefix?: string;
}

/**
 * Writes a JUnit report of `count` test cases straight to disk in 1 MiB pieces (never whole in memory):
 * suites of 1,000 cases, every 10,000th case (or `failEvery`th) failing with a file and line.
 */
export function writeLargeJUnit(
  file: string,
  count: number,
  { failEvery = 10_000, suitePrefix = 'suite' }: LargeJUnitShape = {},
): { failures: number } {
  const fd = openSync(file, 'w');
  let failures = 0;
  let piece = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="generated">\n';
  for (let i = 0; i < count; i += 1) {
    if (i % 1000 === 0)
      piece += `${i > 0 ? '</testsuite>\n' : ''}<testsuite name="${suitePrefix}${i / 1000}" tests="1000">\n`;
    if (i % failEvery === failEvery - 1) {
      failures += 1;
      piece += `<testcase classname="com.example.Class${i % 1000}" name="test${i}" time="0.001" file="src/Class${i % 1000}.java" line="${(i % 500) + 1}"><failure message="expected ${i}">java.lang.AssertionError: expected ${i}\n\tat com.example.Class.test(Class.java:1)</failure></testcase>\n`;
    } else {
      piece += `<testcase classname="com.example.Class${i % 1000}" name="test${i}" time="0.001"/>\n`;
    }
    if (piece.length >= 1 << 20) {
      writeSync(fd, piece);
      piece = '';
    }
  }
  writeSync(fd, `${piece}${count > 0 ? '</testsuite>\n' : ''}</testsuites>\n`);
  closeSync(fd);
  return { failures };
}
