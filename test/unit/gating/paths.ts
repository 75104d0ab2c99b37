import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** Real-world reports from other projects (see the README beside them for their source and licence). */
export const realWorldReports = join(repoRoot, 'test/fixtures/real-world-reports');
export const generatedReports = join(repoRoot, 'test/fixtures/reports');
