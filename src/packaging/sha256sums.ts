import { readFile, writeFile } from 'node:fs/promises';

/**
 * Adds or replaces `fileName`'s line in a `sha256sum -c` compatible SHA256SUMS, keeping the
 * lines of other artefacts written to the same directory.
 */
export async function recordChecksum(sumsFile: string, fileName: string, digest: string): Promise<void> {
  const existing = await readFile(sumsFile, 'utf8').catch(() => '');
  const lines = existing.split('\n').filter((line) => line && line.replace(/^[0-9a-f]{64} [ *]/, '') !== fileName);
  lines.push(`${digest.replace(/^sha256:/, '')}  ${fileName}`);
  lines.sort((a, b) => Buffer.compare(Buffer.from(a.slice(66)), Buffer.from(b.slice(66))));
  await writeFile(sumsFile, `${lines.join('\n')}\n`);
}
