// The streaming floor: the same XML library (saxes) and chunking as Slipway's parser, doing nothing but count <testcase> elements.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

const parser = new SaxesParser({ position: true });
let count = 0;
parser.on('opentag', (tag) => {
  if (tag.name === 'testcase') count++;
});
for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 64 * 1024 }))
  parser.write(chunk);
parser.close();
process.stdout.write(`${JSON.stringify({ tests: count })}\n`);
