import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alreadyGenerated, markGenerated, startGenerating } from './generated-marker.js';
import { pick, seededRandom } from '../../test/support/seeded-random.js';

export interface TreeShape {
  files: number;
  totalBytes: number;
}

export interface GeneratedTree {
  dir: string;
  files: number;
  bytes: number;
}

const WORDS = [
  'const',
  'return',
  'function',
  'export',
  'import',
  'value',
  'request',
  'response',
  'await',
  'if',
  'else',
  'config',
  'items',
  'map',
  'filter',
  'error',
  'throw',
  'new',
  'string',
  'number',
];

/** A build output: nested directories, sizes spread like real ones, half the files text-like (compressible), half random bytes (already compressed assets). */
export function generateFileTree(dir: string, shape: TreeShape): GeneratedTree {
  const random = seededRandom(3);
  const weights = Array.from({ length: shape.files }, () => -Math.log(1 - random() * 0.999));
  const scale = shape.totalBytes / weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(64, Math.round(w * scale)));
  const bytes = sizes.reduce((a, b) => a + b, 0);
  if (alreadyGenerated(dir, shape)) return { dir, files: shape.files, bytes };
  startGenerating(dir);
  const text = textPool(random, 4 << 20);
  sizes.forEach((size, i) => {
    const folder = join(dir, `pkg-${i % 20}`, `module-${Math.floor(i / 20) % 10}`);
    if (i < 200) mkdirSync(folder, { recursive: true });
    const compressible = i % 2 === 0;
    const start = Math.floor(random() * (text.length - size));
    const content = compressible ? text.subarray(Math.max(0, start), Math.max(0, start) + size) : randomBytes(size);
    writeFileSync(join(folder, `file-${i}.${compressible ? 'js' : 'bin'}`), content);
  });
  markGenerated(dir, shape);
  return { dir, files: shape.files, bytes };
}

function textPool(random: () => number, size: number): Buffer {
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const line = `${'  '.repeat(Math.floor(random() * 4))}${Array.from({ length: 3 + Math.floor(random() * 9) }, () => pick(random, WORDS)).join(' ')};\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join(''));
}
