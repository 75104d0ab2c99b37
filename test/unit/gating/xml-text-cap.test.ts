import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/gating/test-results.js';
import { XML_DEPTH_LIMIT, streamXml } from '../../../src/gating/io/xml-stream.js';
import { XmlTextCap } from '../../../src/gating/io/xml-text-cap.js';
import { UserError } from '../../../src/runtime/errors.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('xml-text-cap');

/** Runs `chunks` through the filter; returns what it passes and the drops it reports. */
function filter(chunks: string[], limit: number) {
  let out = '';
  const drops: Array<[number, number]> = [];
  const cap = new XmlTextCap(limit, {
    write: (text) => (out += text),
    dropped: (lines, columns) => drops.push([lines, columns]),
  });
  for (const chunk of chunks) cap.push(chunk);
  cap.end();
  return { out, drops };
}

/** Every way of cutting `text` in two, plus one-character chunks. */
function splits(text: string): string[][] {
  const all = [[text], [...text]];
  for (let i = 1; i < text.length; i++) all.push([text.slice(0, i), text.slice(i)]);
  return all;
}

/** What saxes makes of a document: events in order, or the error. */
function events(xml: string): string[] {
  const seen: string[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => seen.push(`<${tag.name} ${JSON.stringify(tag.attributes)}>`));
  parser.on('closetag', (tag) => seen.push(`</${tag.name}>`));
  parser.on('text', (text) => seen.push(`text ${text}`));
  parser.on('cdata', (text) => seen.push(`cdata ${text}`));
  parser.on('comment', (text) => seen.push(`comment ${text}`));
  parser.on('processinginstruction', (pi) => seen.push(`pi ${pi.target} ${pi.body}`));
  parser.on('doctype', (text) => seen.push(`doctype ${text}`));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return seen;
}

const MARKUP = `<?xml version="1.0"?>
<!DOCTYPE r [ <!-- a > in a comment ' --> <!ELEMENT r ANY> <?pi with > inside?> <!ATTLIST r a CDATA "x>y"> ]>
<r a="1 > 0" b='it"s'><!-- note -- no, just - one --><?target some > body?>text &amp; more<![CDATA[ <not-a-tag> ]] ]]><e/>&#x1F600;\r\nend</r>
`;

describe('XmlTextCap', () => {
  it('passes a document with no long run unchanged, however it is split', () => {
    for (const chunks of splits(MARKUP)) expect(filter(chunks, 1_000).out).toBe(MARKUP);
  });

  it('keeps the first `limit` characters of each text, CDATA, comment, PI and attribute run, wherever the chunks split', () => {
    const long = (c: string) => c.repeat(40);
    const xml = `<r a="${long('v')}"><!--${long('c')}--><?t ${long('p')}?>${long('t')}<![CDATA[${long('d')}]]></r>`;
    const expected = events(
      `<r a="${'v'.repeat(16)}"><!--${'c'.repeat(16)}--><?t ${'p'.repeat(14)}?>${'t'.repeat(16)}<![CDATA[${'d'.repeat(16)}]]></r>`,
    );
    for (const chunks of splits(xml)) expect(events(filter(chunks, 16).out)).toEqual(expected);
  });

  it('never cuts inside an entity reference, a surrogate pair or a CRLF, nor leaves a comment ending in -', () => {
    expect(filter(['<r>abcdefgh&amp;ijklmnop</r>'], 10).out).toBe('<r>abcdefgh</r>');
    expect(filter(['<r a="abcdefgh&#x41;ij"/>'], 10).out).toBe('<r a="abcdefgh"/>');
    expect(filter(['<r>abcdefghi\u{1F600}xyz</r>'], 10).out).toBe('<r>abcdefghi</r>');
    expect(filter(['<r>abcdefghi\r\nxyz</r>'], 10).out).toBe('<r>abcdefghi</r>');
    expect(filter(['<r><!--abcdefghi-jklm--></r>'], 10).out).toBe('<r><!--abcdefghi--></r>');
    for (const xml of [
      '<r>abcdefgh&amp;ijklmnop</r>',
      '<r>abcdefghi\u{1F600}xyz</r>',
      '<r><!--abcdefghi-jklm--></r>',
    ]) {
      for (const chunks of splits(xml)) expect(() => events(filter(chunks, 10).out)).not.toThrow();
    }
  });

  it('reports the line breaks and the columns after the last one that it dropped', () => {
    expect(filter(['<r>0123456789ab\ncd\r\nef\rghi</r>'], 10).drops).toEqual([[3, 3]]);
    expect(filter(['<r>0123456789abc\u{1F600}</r>'], 10).drops).toEqual([[0, 4]]);
  });

  it('caps text in a DOCTYPE-free document however the markup around it is split', () => {
    const xml = `<a><b x='>'>${'y'.repeat(50)}</b><!---->${'z'.repeat(50)}</a>`;
    const expected = events(`<a><b x='>'>${'y'.repeat(20)}</b><!---->${'z'.repeat(20)}</a>`);
    for (const chunks of splits(xml)) expect(events(filter(chunks, 20).out)).toEqual(expected);
  });
});

describe('streamXml', () => {
  it.each([
    ['on a later line', `<r>\n<a>${'x'.repeat(200_000)}\nline three\n  and </oops></r>\n`],
    ['on the same line', `<r><a>${'x\u{1F600}'.repeat(100_000)}</oops></r>\n`],
    ['after two cuts on one line', `<r><a>${'x'.repeat(100_000)}</a><b>${'y'.repeat(100_000)}</b>  </oops></r>\n`],
  ])('reports positions in the file, not in what was left after text was cut (%s)', async (_name, xml) => {
    // Where saxes itself puts the error when it reads the whole document.
    const parser = new SaxesParser({ position: true });
    let expected = '';
    parser.on('error', () => {
      expected = `${parser.line}:${parser.column + 1}`;
      throw new Error('stop');
    });
    expect(() => parser.write(xml)).toThrow('stop');
    const file = temp.write('positions.xml', xml);
    await expect(streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} })).rejects.toThrow(
      `${file}:${expected}: is not well-formed XML`,
    );
  });

  it('hands on the start of a huge text node, and tags after it where they are in the file', async () => {
    const file = temp.write('huge-text.xml', `<r><a>${'x'.repeat(1_000_000)}</a>\n  <b/></r>`);
    const texts: string[] = [];
    const opened: string[] = [];
    await streamXml(file, DEFAULT_LIMITS, {
      open: (tag, at) => opened.push(`${tag.name}@${at()}`),
      close() {},
      text: (text) => texts.push(text),
    });
    expect(texts[0]!.length).toBeLessThan(100_000);
    expect(texts[0]!.length).toBeGreaterThan(10_000);
    expect(opened).toEqual(['r@1:4', 'a@1:7', 'b@2:7']);
  });

  it(`refuses nesting deeper than ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels in one line naming the file and position`, async () => {
    const file = temp.write('deep.xml', `${'<a>'.repeat(XML_DEPTH_LIMIT + 1)}${'</a>'.repeat(XML_DEPTH_LIMIT + 1)}`);
    const error = await streamXml(file, DEFAULT_LIMITS, { open() {}, close() {}, text() {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `${file}:1:${3 * (XML_DEPTH_LIMIT + 1) + 1}: elements nest deeper than ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels; a test report never needs that, so it is refused.`,
    );
  });

  it(`reads nesting of exactly ${XML_DEPTH_LIMIT.toLocaleString('en-US')} levels`, async () => {
    const file = temp.write('deep-ok.xml', `${'<a>'.repeat(XML_DEPTH_LIMIT)}${'</a>'.repeat(XML_DEPTH_LIMIT)}`);
    let opened = 0;
    await streamXml(file, DEFAULT_LIMITS, { open: () => (opened += 1), close() {}, text() {} });
    expect(opened).toBe(XML_DEPTH_LIMIT);
  });
});
