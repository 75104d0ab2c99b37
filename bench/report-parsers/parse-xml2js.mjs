// The whole-document approach of the most used test-report action (dorny/test-reporter): read the file, xml2js.parseStringPromise, walk the tree.
import { readFileSync } from 'node:fs';
import { parseStringPromise } from 'xml2js';

const document = await parseStringPromise(readFileSync(process.argv[2], 'utf8'));
let tests = 0;
let failed = 0;
let skipped = 0;
for (const suite of document.testsuites?.testsuite ?? []) {
  for (const test of suite.testcase ?? []) {
    tests++;
    if (test.failure || test.error) failed++;
    else if (test.skipped) skipped++;
  }
}
process.stdout.write(`${JSON.stringify({ tests, failed, skipped })}\n`);
