// Gates the report files given as arguments in a process of its own and prints totals, verdict (or the
// refusal) and peak memory as JSON: the parent compares peak RSS across report sizes.
import { gateReports } from '../../../../src/gating/gate.js';

const [maxFailures, ...files] = process.argv.slice(2);
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
try {
  const result = await gateReports({ files, rules: { maxFailures: Number(maxFailures), minPassRate: 0, minTests: 1 } });
  process.stdout.write(
    JSON.stringify({
      totals: result.totals,
      passed: result.verdict.passed,
      reason: result.verdict.reason,
      listedFailures: result.collector.failures.length,
      maxRssBytes: maxRssBytes(),
    }),
  );
} catch (error) {
  process.stdout.write(
    JSON.stringify({
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      maxRssBytes: maxRssBytes(),
    }),
  );
}
