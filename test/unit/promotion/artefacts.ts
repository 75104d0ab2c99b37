import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageArtefact } from '../../../src/packaging/package-artefact.js';

/** A real tar.gz made by the package action's code: `version.txt` and the HTTP `status` a test server answers with. */
export async function makeArtefact(
  work: string,
  version: string,
  status = 200,
): Promise<{ file: string; digest: string; dir: string }> {
  const src = join(work, `src-${version}-${status}`);
  await mkdir(src, { recursive: true });
  await writeFile(join(src, 'version.txt'), `app ${version}`);
  await writeFile(join(src, 'status'), String(status));
  const dir = join(work, `out-${version}-${status}`);
  const result = await packageArtefact({
    path: '.',
    cwd: src,
    name: 'app',
    version,
    format: 'tar.gz',
    outputDir: dir,
    sourceDate: 0,
    buildInfo: false,
  });
  return { file: result.file, digest: result.digest, dir };
}
