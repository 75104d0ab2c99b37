// Run with --allow-natives-syntax: gates the JUnit report given and prints how many of the saxes parser's writes
// found it with fast properties. V8 turns an object into a dictionary when too many fields are added to it by
// keyed stores, as saxes' `on` adds a handler; every field read of the parser's state then costs a hash look-up.
import { SaxesParser } from 'saxes';
import { parseJUnit } from '../../../../src/gating/formats/junit.js';

// V8's natives syntax is not TypeScript: only a function made from a string can hold it.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;
// Called below with the parser as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const write = SaxesParser.prototype.write;
let writes = 0;
let slow = 0;
SaxesParser.prototype.write = function (this: SaxesParser, chunk: string | object | null) {
  writes += 1;
  if (!hasFastProperties(this)) slow += 1;
  return write.call(this, chunk as string);
};
await parseJUnit(process.argv[2]!, () => {});
process.stdout.write(JSON.stringify({ writes, slow }));
