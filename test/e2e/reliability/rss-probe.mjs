// Loaded into an action's process with NODE_OPTIONS=--import: at exit, appends the process' peak
// resident set size (bytes) to SLIPWAY_TEST_RSS_FILE, so a test can bound the memory a hostile input costs.
import { appendFileSync } from 'node:fs';

const file = process.env.SLIPWAY_TEST_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS * 1024}\n`);
  });
}
