import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** Real-world reports shared beside the clone (CI has shared/ next to main/). */
export const sharedReports = join(repoRoot, '../shared/fixtures/test-reports');
export const generatedReports = join(repoRoot, 'test/fixtures/reports');
