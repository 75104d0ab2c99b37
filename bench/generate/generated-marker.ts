import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Generated data is kept under bench/work and reused while its parameters are unchanged; the marker sits beside it, not inside (it would be packaged). */
const markerOf = (path: string) => `${path}.generated.json`;

export function alreadyGenerated(path: string, parameters: object): boolean {
  const marker = markerOf(path);
  return existsSync(marker) && existsSync(path) && readFileSync(marker, 'utf8') === JSON.stringify(parameters);
}

export function startGenerating(path: string): void {
  rmSync(markerOf(path), { force: true });
  rmSync(path, { recursive: true, force: true });
}

export function markGenerated(path: string, parameters: object): void {
  writeFileSync(markerOf(path), JSON.stringify(parameters));
}
