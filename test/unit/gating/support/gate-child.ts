// Gates the report files given as arguments in a process of its own and prints totals, verdict and
// peak memory as JSON: the parent compares peak RSS across report sizes.
import { gateReports } from '../../../../src/gating/gate.js';

const [maxFailures, ...files] = process.argv.slice(2);
const result = await gateReports({ files, rules: { maxFailures: Number(maxFailures), minPassRate: 0, minTests: 1 } });
process.stdout.write(
  JSON.stringify({
    totals: result.totals,
    passed: result.verdict.passed,
    reason: result.verdict.reason,
    listedFailures: result.collector.failures.length,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
