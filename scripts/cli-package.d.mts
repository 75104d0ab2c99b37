// Types of cli-package.mjs, for the tests that import it.
export const CLI_PACKAGE_NAME: string;

export interface CliManifest {
  name: string;
  version: string;
  description: string;
  license: string;
  type: 'module';
  engines: Record<string, string>;
  bin: { slipway: string };
  files: string[];
  repository: { type: string; url: string };
  publishConfig: { access: string; provenance: boolean };
}

/** Writes the package into `out` (emptied first) and returns its manifest. */
export function assembleCliPackage(out: string): CliManifest;
